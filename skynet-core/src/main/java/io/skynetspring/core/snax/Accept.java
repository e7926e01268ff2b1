package io.skynetspring.core.snax;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A one-way method of a {@link SnaxService}: skynet's {@code accept.name}, reached with
 * {@link SnaxHandle#post}. Arguments bind to the parameters in order and convert as Lua numbers do;
 * the return value is ignored.
 *
 * <pre>{@code @Accept public void registerGate(long id, Address gate) { gates.put(id, gate); }}</pre>
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Accept {

    /** The method name callers use; defaults to the Java method's name. */
    String value() default "";

    /**
     * The method id a Lua caller sends ({@code pack(id, args...)}); 5 or more. Methods without one are
     * numbered by name from 5 up, skipping the ids taken explicitly.
     */
    int id() default 0;
}
