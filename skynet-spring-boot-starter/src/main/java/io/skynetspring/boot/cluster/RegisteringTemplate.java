package io.skynetspring.boot.cluster;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.MailboxLimit;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.reactivestreams.Publisher;
import org.slf4j.event.Level;
import reactor.core.publisher.Mono;

import java.util.concurrent.CompletionStage;

/** A template whose instances offer themselves to {@link ClusterNames} once started and withdraw on exit. */
final class RegisteringTemplate implements ServiceTemplate {

    private final ServiceTemplate inner;
    private final String name;
    private final ClusterNames names;

    RegisteringTemplate(ServiceTemplate inner, String name, ClusterNames names) {
        this.inner = inner;
        this.name = name;
        this.names = names;
    }

    @Override
    public ServiceHandler create(ServiceContext ctx) throws Exception {
        return new Registering(inner.create(ctx), ctx.self());
    }

    @Override
    public MailboxLimit mailboxLimit() {
        return inner.mailboxLimit();
    }

    @Override
    public Level errorLogLevel() {
        return inner.errorLogLevel();
    }

    @Override
    public Isolation isolation() {
        return inner.isolation();
    }

    private final class Registering implements ServiceHandler {

        private final ServiceHandler handler;
        private final Address self;

        Registering(ServiceHandler handler, Address self) {
            this.handler = handler;
            this.self = self;
        }

        @Override
        public Object init(Object[] args) throws Exception {
            Object result = handler.init(args);
            // registered once init has finished, as skynet's cluster.register after skynet.start
            if (result instanceof Publisher<?> p) {
                return Mono.from(p).doOnSuccess(v -> names.started(name, self));
            }
            if (result instanceof CompletionStage<?> stage) {
                return stage.thenApply(v -> {
                    names.started(name, self);
                    return v;
                });
            }
            names.started(name, self);
            return result;
        }

        @Override
        public Object dispatch(String command, Object[] args) throws Exception {
            return handler.dispatch(command, args);
        }

        @Override
        public void exit() throws Exception {
            try {
                handler.exit();
            } finally {
                names.exited(name, self);
            }
        }
    }
}
