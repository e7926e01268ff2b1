package io.skynetspring.core.socket;

import java.time.Duration;

/**
 * How a {@link ConnectionPool} behaves: its size, how long and how many checkouts may wait, and
 * how it reconnects. Defaults: 4 connections, 256 waiters, 3 s to get a connection, 5 s for an
 * exchange through {@link ConnectionPool#use use}, back-off from 100 ms doubling to 10 s with 20 %
 * jitter, 2 s for a probe to answer.
 *
 * <pre>{@code PoolOptions.defaults().withSize(8).withCheckoutTimeout(Duration.ofMillis(500))}</pre>
 *
 * @param size            connections kept open to the backend
 * @param maxWaiters      checkouts that may wait for a free connection; the next one fails at once
 * @param checkoutTimeout how long a checkout waits before it fails naming the backend and the service
 * @param exchangeTimeout how long an exchange through {@link ConnectionPool#use use} may take; past it,
 *                        it fails and its connection is closed and replaced (a hung backend cannot
 *                        keep the pool's connections)
 * @param backoffMin      first pause before reconnecting after a failed connect or an early drop
 * @param backoffMax      longest pause; also how long a connection must have been open for its
 *                        drop to count as healthy (reconnect at once) without having served anyone
 * @param jitter          fraction (0..1) taken off each pause at random, so slots do not retry in step
 * @param probeTimeout    how long a {@link ConnectionPool#probe probe} may take before the connection fails it
 */
public record PoolOptions(int size, int maxWaiters, Duration checkoutTimeout, Duration exchangeTimeout,
                          Duration backoffMin, Duration backoffMax, double jitter, Duration probeTimeout) {

    public PoolOptions {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be positive, was " + size);
        }
        if (maxWaiters < 0) {
            throw new IllegalArgumentException("pool maxWaiters must be at least 0, was " + maxWaiters);
        }
        positive("checkoutTimeout", checkoutTimeout);
        positive("exchangeTimeout", exchangeTimeout);
        positive("backoffMin", backoffMin);
        positive("backoffMax", backoffMax);
        positive("probeTimeout", probeTimeout);
        if (backoffMax.compareTo(backoffMin) < 0) {
            throw new IllegalArgumentException("pool backoffMax (" + backoffMax + ") is below backoffMin ("
                    + backoffMin + ")");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("pool jitter must be within 0..1, was " + jitter);
        }
    }

    public static PoolOptions defaults() {
        return new PoolOptions(4, 256, Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofMillis(100), Duration.ofSeconds(10), 0.2, Duration.ofSeconds(2));
    }

    public PoolOptions withSize(int connections) {
        return new PoolOptions(connections, maxWaiters, checkoutTimeout, exchangeTimeout,
                backoffMin, backoffMax, jitter, probeTimeout);
    }

    public PoolOptions withMaxWaiters(int waiters) {
        return new PoolOptions(size, waiters, checkoutTimeout, exchangeTimeout,
                backoffMin, backoffMax, jitter, probeTimeout);
    }

    public PoolOptions withCheckoutTimeout(Duration timeout) {
        return new PoolOptions(size, maxWaiters, timeout, exchangeTimeout,
                backoffMin, backoffMax, jitter, probeTimeout);
    }

    public PoolOptions withExchangeTimeout(Duration timeout) {
        return new PoolOptions(size, maxWaiters, checkoutTimeout, timeout,
                backoffMin, backoffMax, jitter, probeTimeout);
    }

    /** Pauses from {@code min}, doubling after each failure up to {@code max}. */
    public PoolOptions withBackoff(Duration min, Duration max) {
        return new PoolOptions(size, maxWaiters, checkoutTimeout, exchangeTimeout, min, max, jitter, probeTimeout);
    }

    public PoolOptions withJitter(double fraction) {
        return new PoolOptions(size, maxWaiters, checkoutTimeout, exchangeTimeout,
                backoffMin, backoffMax, fraction, probeTimeout);
    }

    public PoolOptions withProbeTimeout(Duration timeout) {
        return new PoolOptions(size, maxWaiters, checkoutTimeout, exchangeTimeout,
                backoffMin, backoffMax, jitter, timeout);
    }

    /**
     * The pause before attempt {@code streak + 1} after {@code streak} failures in a row:
     * {@code backoffMin * 2^(streak-1)}, at most {@code backoffMax}, less {@code jitter * random}
     * of it ({@code random} in [0, 1)). Zero failures: no pause.
     */
    Duration backoff(int streak, double random) {
        if (streak < 1) {
            return Duration.ZERO;
        }
        long min = backoffMin.toMillis();
        long max = backoffMax.toMillis();
        long base = min;
        for (int i = 1; i < streak && base < max; i++) {
            base *= 2;
        }
        base = Math.min(base, max);
        long off = (long) (base * jitter * random);
        return Duration.ofMillis(Math.max(1, base - off));
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("pool " + name + " must be positive, was " + d);
        }
    }
}
