package io.skynetspring.core.socket;

import reactor.core.Disposable;
import reactor.core.publisher.MonoSink;

/** A {@link ConnectionPool#checkout()} waiting in the pool's service, with its deadline. */
final class PoolWaiter {

    final MonoSink<Connection> sink;
    Disposable timer;
    /** Set from the cancelling thread, so a connection is never handed to a caller that left. */
    volatile boolean cancelled;

    PoolWaiter(MonoSink<Connection> sink) {
        this.sink = sink;
    }

    void cancelTimer() {
        if (timer != null) {
            timer.dispose();
        }
    }
}
