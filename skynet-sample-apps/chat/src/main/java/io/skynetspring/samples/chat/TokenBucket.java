package io.skynetspring.samples.chat;

/**
 * A connection's allowance of {@code say}s: {@code burst} at once, refilled at {@code rate} per
 * second. Touched only by the service that owns the connection, so it needs no locks.
 *
 * <pre>{@code if (!bucket.take(System.nanoTime())) { refuse("rate-limited"); }}</pre>
 */
final class TokenBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private long last;

    TokenBucket(double rate, int burst, long nowNanos) {
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one token if there is one. */
    boolean take(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) / 1e9 * rate);
        last = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
