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
}
