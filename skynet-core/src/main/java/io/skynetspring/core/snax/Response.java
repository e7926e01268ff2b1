package io.skynetspring.core.snax;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A method with a reply of a {@link SnaxService}: skynet's {@code response.name}, reached with
 * {@link SnaxHandle#req}. Arguments bind to the parameters in order and convert as Lua numbers do;
 * the return value is the reply; a {@code Mono}/{@code Publisher} or {@code CompletionStage} replies when it
 * completes, and an exception becomes the caller's {@code ServiceException}.
 *
 * <pre>{@code @Response public Mono<Token> login(String user, String password) { ... }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Response {

    /** The method name callers use; defaults to the Java method's name. */
    String value() default "";

    /**
     * The method id a Lua caller sends ({@code pack(id, args...)}); 5 or more. Methods without one are
     * numbered by name from 5 up, skipping the ids taken explicitly.
     */
    int id() default 0;
}
