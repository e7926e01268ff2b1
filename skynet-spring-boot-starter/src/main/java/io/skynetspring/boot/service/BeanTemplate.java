package io.skynetspring.boot.service;

import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.MailboxLimit;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.slf4j.event.Level;
import org.springframework.beans.factory.BeanFactory;

/** A {@link ServiceTemplate} whose instances are prototype beans: a new bean per {@code newService}. */
final class BeanTemplate implements ServiceTemplate {

    private final String beanName;
    private final BeanFactory beanFactory;
    private final CommandTable commands;
    private final MailboxLimit mailboxLimit;
    private final Level errorLogLevel;
    private final Isolation isolation;
    private final boolean sequential;

    BeanTemplate(String beanName, BeanFactory beanFactory, CommandTable commands, MailboxLimit mailboxLimit,
                 Level errorLogLevel, Isolation isolation, boolean sequential) {
        this.beanName = beanName;
        this.beanFactory = beanFactory;
        this.commands = commands;
        this.mailboxLimit = mailboxLimit;
        this.errorLogLevel = errorLogLevel;
        this.isolation = isolation;
        this.sequential = sequential;
    }

    @Override
    public ServiceHandler create(ServiceContext ctx) {
        Object instance = StartingService.with(ctx, () -> beanFactory.getBean(beanName));
        return new BeanHandler(instance, commands, ctx);
    }

    @Override
    public MailboxLimit mailboxLimit() {
        return mailboxLimit;
    }

    @Override
    public Level errorLogLevel() {
        return errorLogLevel;
    }

    @Override
    public Isolation isolation() {
        return isolation;
    }

    @Override
    public boolean sequential() {
        return sequential;
    }
}
