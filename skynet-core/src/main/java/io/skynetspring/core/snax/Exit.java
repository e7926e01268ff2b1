package io.skynetspring.core.snax;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs once when a snax service ends (skynet's {@code exit(...)}): on {@link Snax#kill} with its
 * arguments bound to the parameters, or with none on {@code ctx.exit()} and runtime shutdown. A
 * {@code SkynetRuntime.kill} runs no more code of the service, this included.
 *
 * <pre>{@code @Exit public void exit() { sessions.clear(); }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Exit {
}
