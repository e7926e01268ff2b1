package io.skynetspring.core.snax;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs once when a snax service starts (skynet's {@code init(...)}), with the {@code newService}
 * arguments bound to its parameters. {@code newService} completes after it returns, or after the
 * {@code Mono}/{@code CompletionStage} it returns completes; an exception fails the start. It does
 * not run again after a {@link Snax#hotfix}: the new version gets the old state through {@link Migrate}.
 *
 * <pre>{@code @Init public void init(String host, int port) { ... }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Init {
}
