package io.skynetspring.core.service;

import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.time.Duration;
import io.skynetspring.core.timer.TimerWheel;

/** A call waiting for its reply. Completed once: by the reply, an error, its deadline or abandonment. */
final class PendingCall extends TimerWheel.Alarm {

    final int session;
    final ServiceCell target;
    final String command;
    final Duration timeout;
    // completed by whoever removes it from its pending table, so never by two threads at once
    private final Sinks.One<Object> sink = Sinks.unsafe().one();
    private final Node node;
    /** The calling service, or null for a caller outside services. */
    private final ServiceCell caller;
    /** Where the outcome is counted (the callee's template); null for runtime calls such as ping. */
    private final TemplateStats stats;
    /** When the call went out, while profiling; 0 otherwise. */
    private final long startNanos;
    /** For a call answered from outside the runtime (target null): what it went to, for errors. */
    private final String remote;

    PendingCall(Node node, ServiceCell caller, int session, ServiceCell target, String command, Duration timeout,
                TemplateStats stats, long startNanos) {
        this.node = node;
        this.stats = stats;
        this.startNanos = startNanos;
        this.caller = caller;
        this.session = session;
        this.target = target;
        this.command = command;
        this.timeout = timeout;
        this.remote = null;
    }

    /** A call answered from outside the runtime, e.g. by a cluster link. */
    PendingCall(Node node, ServiceCell caller, int session, String remote, String command, Duration timeout) {
        this.node = node;
        this.stats = null;
        this.startNanos = 0;
        this.caller = caller;
        this.session = session;
        this.target = null;
        this.command = command;
        this.timeout = timeout;
        this.remote = remote;
    }

    Mono<Object> mono() {
        return sink.asMono();
    }

    void complete(Object value) {
        cancelDeadline();
        count(CallOutcome.OK);
        if (value == null) {
            sink.tryEmitEmpty();
        } else {
            sink.tryEmitValue(value);
        }
    }

    void fail(Throwable error) {
        cancelDeadline();
        count(CallOutcome.ERROR);
        sink.tryEmitError(error);
    }

    void timedOut() {
        count(CallOutcome.TIMEOUT);
        sink.tryEmitError(target == null ? new CallTimeoutException(Address.NONE, remote, command, timeout)
                : new CallTimeoutException(target.address, target.displayName(), command, timeout));
    }

    void refused(ServiceException error) {
        fail(error);
    }

    private void count(CallOutcome outcome) {
        if (stats != null) {
            stats.called(outcome, startNanos == 0 ? 0 : System.nanoTime() - startNanos);
        }
    }

    void cancelDeadline() {
        cancel();
    }

    /** The deadline passed: fail the call unless its reply won the race. */
    @Override
    protected void ring() {
        node.expire(caller, this);
    }
}
