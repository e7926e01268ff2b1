package io.skynetspring.core.service;

import org.slf4j.event.Level;

/** A template as given, with its isolation and its sequential flag set by {@link ServiceTemplate}'s factories. */
record AdjustedTemplate(ServiceTemplate base, Isolation isolation, boolean sequential) implements ServiceTemplate {

    @Override
    public ServiceHandler create(ServiceContext ctx) throws Exception {
        return base.create(ctx);
    }

    @Override
    public MailboxLimit mailboxLimit() {
        return base.mailboxLimit();
    }

    @Override
    public Level errorLogLevel() {
        return base.errorLogLevel();
    }
}
