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

    /** {@code template} with its messages crossing as {@code isolation} says: {@code with(Isolation.SHARE, ctx -> ...)}. */
    static ServiceTemplate with(Isolation isolation, ServiceTemplate template) {
        if (isolation == null) {
            throw new IllegalArgumentException("isolation must be COPY, SHARE or NODE, was null");
        }
        return new ServiceTemplate() {
            @Override
            public ServiceHandler create(ServiceContext ctx) throws Exception {
                return template.create(ctx);
            }

            @Override
            public MailboxLimit mailboxLimit() {
                return template.mailboxLimit();
            }

            @Override
            public Level errorLogLevel() {
                return template.errorLogLevel();
            }

            @Override
            public Isolation isolation() {
                return isolation;
            }
        };
    }
}
