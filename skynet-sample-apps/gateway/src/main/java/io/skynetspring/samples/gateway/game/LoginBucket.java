package io.skynetspring.samples.gateway.game;

/** A token bucket of logins: {@code burst} at once, refilled at {@code rate} a second. Not thread-safe: one service owns it. */
final class LoginBucket {

    private final double rate;
    private final double burst;
    private double tokens;
    private long last;

    LoginBucket(double rate, int burst, long nanos) {
        if (rate <= 0 || burst < 1) {
            throw new IllegalArgumentException("gateway.login-rate must be positive and gateway.login-burst at least 1, was "
                    + rate + " and " + burst);
        }
        this.rate = rate;
        this.burst = burst;
        this.tokens = burst;
        this.last = nanos;
    }

    boolean take(long nanos) {
        tokens = Math.min(burst, tokens + (nanos - last) * rate / 1e9);
        last = nanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
