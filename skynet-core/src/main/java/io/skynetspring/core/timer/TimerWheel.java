package io.skynetspring.core.timer;

import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import io.netty.util.TimerTask;

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
        Alarm alarm = new Alarm() {
            @Override
            protected void ring() {
                task.run();
            }
        };
        arm(alarm, delay);
        return alarm;
    }

    /** Arms {@code alarm} to ring after {@code delay}. An alarm is armed once. */
    public void arm(Alarm alarm, Duration delay) {
        alarm.timeout = wheel.newTimeout(alarm, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    @Override
    public void close() {
        wheel.stop();
    }

    /**
     * Something that rings on the timer thread. Objects that already exist per timer (a pending call)
     * extend it, so arming allocates nothing but the wheel's own entry.
     */
    public abstract static class Alarm implements TimerTask {

        private volatile Timeout timeout;

        /** Called on the timer thread; must only hand work off. */
        protected abstract void ring();

        @Override
        public final void run(Timeout t) {
            ring();
        }

        /** Cheap and safe from any thread; a no-op once rung or if never armed. */
        public void cancel() {
            Timeout t = timeout;
            if (t != null) {
                t.cancel();
            }
        }

        public boolean isDone() {
            Timeout t = timeout;
            return t != null && (t.isExpired() || t.isCancelled());
        }
    }
}
