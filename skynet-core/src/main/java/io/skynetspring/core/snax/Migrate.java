package io.skynetspring.core.snax;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Receives the old version's state during a {@link Snax#hotfix}: a method of the new class taking
 * one {@code Map<String, Object>}, the old instance's fields by name (superclasses' included). It
 * runs inside the service between two messages, on a new instance; an exception keeps the old code
 * running. Without it, fields of the same name are copied when the old value fits the new field.
 *
 * <pre>{@code @Migrate void migrate(Map<String, Object> old) { users.putAll((Map<String, User>) old.get("users")); }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Migrate {
}
