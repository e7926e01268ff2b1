package io.skynetspring.core.snax;

import java.time.Duration;

/**
 * How often one snax method ran and for how long, measured on the service's drain (the handler's
 * own time: a {@code Mono} it returns is not waited for). Counts survive a hotfix.
 *
 * <pre>{@code snax.profile(login).block().get("login").count()}</pre>
 */
public record MethodProfile(String method, long count, long totalNanos, long maxNanos) {

    public Duration total() {
        return Duration.ofNanos(totalNanos);
    }

    public Duration max() {
        return Duration.ofNanos(maxNanos);
    }

    /** Mean time per call; zero before the first. */
    public Duration mean() {
        return count == 0 ? Duration.ZERO : Duration.ofNanos(totalNanos / count);
    }
}
