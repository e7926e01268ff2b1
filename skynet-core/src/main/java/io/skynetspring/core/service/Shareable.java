package io.skynetspring.core.service;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class whose instances may pass between services as they are, because they are
 * immutable or safe to use from several threads at once. Without it, a mutable class that is not a
 * collection, an array or a record is refused as a message (see {@link Isolation#COPY}).
 *
 * <pre>{@code @Shareable final class Scoreboard { private final LongAdder hits = new LongAdder(); ... }}</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Shareable {
}
