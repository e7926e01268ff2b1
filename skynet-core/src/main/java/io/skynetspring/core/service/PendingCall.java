package io.skynetspring.core.service;

import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/** A call waiting for its reply. Completed once: by the reply, an error, its deadline or abandonment. */
final class PendingCall {

    final int session;
    final ServiceCell target;
    final String command;
    final Duration timeout;
    private final Sinks.One<Object> sink = Sinks.one();
    volatile ScheduledFuture<?> deadline;

    PendingCall(int session, ServiceCell target, String command, Duration timeout) {
        this.session = session;
        this.target = target;
        this.command = command;
        this.timeout = timeout;
    }

    Mono<Object> mono() {
        return sink.asMono();
    }

    void complete(Object value) {
        cancelDeadline();
        if (value == null) {
            sink.tryEmitEmpty();
        } else {
            sink.tryEmitValue(value);
        }
    }

    void fail(Throwable error) {
        cancelDeadline();
        sink.tryEmitError(error);
    }

    void timedOut() {
        sink.tryEmitError(new CallTimeoutException(target.address, target.displayName(), command, timeout));
    }

    void refused(ServiceException error) {
        fail(error);
    }

    void cancelDeadline() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
        }
    }
}
