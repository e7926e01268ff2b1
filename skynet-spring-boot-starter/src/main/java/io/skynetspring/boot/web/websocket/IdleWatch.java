package io.skynetspring.boot.web.websocket;

import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code onIdle} when a connection has read nothing for the idle timeout. One timer per idle
 * period, re-armed for the remainder, rather than a timer per frame; and the inbound is never
 * cancelled, which would make Reactor Netty close the socket with its own status before ours.
 */
final class IdleWatch {

    private final long idleNanos;
    private final Runnable onIdle;
    private volatile long lastRead = System.nanoTime();
    private volatile boolean stopped;
    private volatile Disposable timer;

    IdleWatch(Duration idle, Runnable onIdle) {
        this.idleNanos = idle.toNanos();
        this.onIdle = onIdle;
        arm(idleNanos);
    }

    void touch() {
        lastRead = System.nanoTime();
    }

    void stop() {
        stopped = true;
        Disposable t = timer;
        if (t != null) {
            t.dispose();
        }
    }

    private void arm(long nanos) {
        timer = Schedulers.parallel().schedule(this::check, nanos, TimeUnit.NANOSECONDS);
    }

    private void check() {
        if (stopped) {
            return;
        }
        long quiet = System.nanoTime() - lastRead;
        if (quiet >= idleNanos) {
            onIdle.run();
        } else {
            arm(idleNanos - quiet);
        }
    }
}
