package io.skynetspring.core.timer;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The node's clock for sleeps, timeouts and call deadlines: a hashed wheel ticking every
 * centisecond, skynet's own resolution. Arming and cancelling are O(1), which matters because
 * every call arms a deadline and almost every deadline is cancelled by its reply.
 */
public final class TimerWheel implements AutoCloseable {

    private final HashedWheelTimer wheel;

    public TimerWheel(String name) {
        this.wheel = new HashedWheelTimer(r -> {
            Thread t = new Thread(r, name + "-timer");
            t.setDaemon(true);
            return t;
        }, 10, TimeUnit.MILLISECONDS, 512);
        this.wheel.start();
    }

    /** Runs {@code task} on the timer thread after {@code delay}; the task must only hand work off. */
    public Alarm schedule(Duration delay, Runnable task) {
        long nanos = Math.max(0, delay.toNanos());
        Timeout t = wheel.newTimeout(x -> task.run(), nanos, TimeUnit.NANOSECONDS);
        return new Alarm(t);
    }

    @Override
    public void close() {
        wheel.stop();
    }

    /** An armed timer; {@link #cancel()} is cheap and safe from any thread. */
    public static final class Alarm {
        private final Timeout timeout;

        Alarm(Timeout timeout) {
            this.timeout = timeout;
        }

        public void cancel() {
            timeout.cancel();
        }

        public boolean isDone() {
            return timeout.isExpired() || timeout.isCancelled();
        }
    }
}
