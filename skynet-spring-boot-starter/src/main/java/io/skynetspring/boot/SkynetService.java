package io.skynetspring.boot;

import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.MailboxLimit;
import org.slf4j.event.Level;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a skynet service template, found by component scanning. Every
 * {@code newService(name)} makes a new instance (constructor injection of beans and of the
 * service's own {@link io.skynetspring.core.service.ServiceContext}); instances are never shared
 * or injected into other beans. {@link Command} methods handle messages.
 *
 * <pre>{@code
 * @SkynetService("calc")
 * public class Calc {
 *     @Command public long add(long a, long b) { return a + b; }
 * }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SkynetService {

    /**
     * The template name used by {@code newService}; defaults to the decapitalised class name. It is
     * also the bean's name, so it must not clash with another bean's.
     */
    @AliasFor(annotation = Component.class)
    String value() default "";

    /**
     * Bound of each instance's mailbox; 0 (the default) means unbounded. The property
     * {@code skynet.mailbox.<template>.capacity} overrides it.
     */
    int mailboxCapacity() default 0;

    /** What a full mailbox does with a new message; only meaningful with a capacity. */
    MailboxLimit.Overflow overflow() default MailboxLimit.Overflow.REJECT;

    /**
     * The level at which a {@code ServiceException} thrown by a command is logged: an expected error
     * that reaches the caller anyway, so DEBUG by default. Other exceptions are always one WARN with
     * the stack. The property {@code skynet.error-log-level.<template>} overrides it.
     */
    Level errorLogLevel() default Level.DEBUG;

    /**
     * How messages to this service and its replies cross: {@code NODE} (the default) follows
     * {@code skynet.isolation} (copy); {@code SHARE} passes them as they are, for speed, at the risk
     * of two services touching one object; {@code COPY} copies even on a sharing node.
     */
    Isolation isolation() default Isolation.NODE;

    /**
     * A cluster name for this template: its first instance registers itself under it when it starts
     * (skynet's {@code cluster.register}), so other nodes call it as {@code "@name"}; "" (the default)
     * registers nothing. The property {@code skynet.cluster.register.<template>} overrides it.
     *
     * <pre>{@code @SkynetService(value = "db", clusterName = "sdb")   // other nodes: cluster.call("db", "@sdb", ...)}</pre>
     */
    String clusterName() default "";

    /**
     * Runs each command (and {@code @Init}, and forked tasks) on a virtual thread of its own, where it
     * may wait for a Mono with {@code ctx.await(...)} and return a plain value, as a skynet coroutine
     * does; the service handles other messages meanwhile, never two at once. Needs Java 21 or later:
     * on an older JVM the application fails to start, naming the template (docs/sequential.md).
     *
     * <pre>{@code @SkynetService(value = "pool", sequential = true)
     * public class Pool {
     *     @Command public long get(long id) { return ctx.await(ctx.call(".db", "get", Long.class, id)); }
     * }}</pre>
     */
    boolean sequential() default false;
}
