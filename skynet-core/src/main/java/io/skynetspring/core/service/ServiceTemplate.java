package io.skynetspring.core.service;

import org.slf4j.event.Level;

/**
 * Makes a fresh {@link ServiceHandler} for every {@code newService}, like skynet loading a service
 * file into a new Lua VM.
 *
 * <pre>{@code runtime.template("echo", ctx -> (cmd, args) -> args[0]);}</pre>
 */
@FunctionalInterface
public interface ServiceTemplate {

    /** Creates the handler; runs inside the new service, so {@code ctx} is usable at once. */
    ServiceHandler create(ServiceContext ctx) throws Exception;

    /** The mailbox bound for instances of this template; unbounded unless overridden. */
    default MailboxLimit mailboxLimit() {
        return MailboxLimit.UNBOUNDED;
    }

    /**
     * The level at which an instance logs a {@code ServiceException} its handler raised: an expected
     * error, which reaches the caller anyway, so DEBUG unless overridden. Any other exception is
     * logged once at WARN with its stack, whatever this says.
     */
    default Level errorLogLevel() {
        return Level.DEBUG;
    }

    /**
     * How messages to this template's services, and their replies, cross: {@link Isolation#NODE}
     * (the default) follows the node's setting.
     */
    default Isolation isolation() {
        return Isolation.NODE;
    }

    /**
     * Whether instances run each handler on a virtual thread of its own, where it may wait with
     * {@link ServiceContext#await}; false unless overridden. Needs Java 21 or later.
     */
    default boolean sequential() {
        return false;
    }

    /**
     * {@code template} as a sequential service: each message's handler (and init, and forked tasks)
     * runs on a virtual thread and may wait for a Mono as a skynet coroutine does, while the service
     * handles other messages; its handlers still never run two at a time (docs/sequential.md). Java 21+.
     *
     * <pre>{@code runtime.template("pool", ServiceTemplate.sequential(ctx -> (cmd, args) ->
     *         ctx.await(ctx.call(".db", "get", args[0]))));}</pre>
     */
    static ServiceTemplate sequential(ServiceTemplate template) {
        return new AdjustedTemplate(template, template.isolation(), true);
    }

    /** {@code template} with its messages crossing as {@code isolation} says: {@code with(Isolation.SHARE, ctx -> ...)}. */
    static ServiceTemplate with(Isolation isolation, ServiceTemplate template) {
        if (isolation == null) {
            throw new IllegalArgumentException("isolation must be COPY, SHARE or NODE, was null");
        }
        return new AdjustedTemplate(template, isolation, template.sequential());
    }
}
