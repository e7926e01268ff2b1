package io.skynetspring.core.snax;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A snax service class: skynet's {@code snax/name.lua}. Every {@code newService} makes a new
 * instance; its {@link Accept} and {@link Response} methods run one message at a time on the
 * service's own drain, and {@link Snax#hotfix} can replace its code while it runs.
 *
 * <pre>{@code @SnaxService("login") public class LoginService { @Response public Token login(String user) { ... } }}</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface SnaxService {

    /** The snax name ({@code snax.newservice(name)}); defaults to the simple class name with a lower-case first letter. */
    String value() default "";
}
