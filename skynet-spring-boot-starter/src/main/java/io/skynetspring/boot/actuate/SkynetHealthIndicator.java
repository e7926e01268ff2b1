package io.skynetspring.boot.actuate;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.RunningMessage;
import io.skynetspring.core.service.TemplateStats;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;

/**
 * The node's health: DOWN once the runtime is shutting down or stopped, or while a worker has been
 * inside one message longer than {@code stuckMessage} (a stuck worker stalls every service queued
 * behind it); UP otherwise.
 *
 * <pre>{@code GET /actuator/health/skynet}</pre>
 */
public class SkynetHealthIndicator implements HealthIndicator {

    private final SkynetRuntime runtime;
    private final Duration stuckMessage;

    public SkynetHealthIndicator(SkynetRuntime runtime, Duration stuckMessage) {
        this.runtime = runtime;
        this.stuckMessage = stuckMessage;
    }

    @Override
    public Health health() {
        if (runtime.isStopped() || runtime.isShuttingDown()) {
            return Health.down().withDetail("state", runtime.isStopped() ? "stopped" : "shutting down").build();
        }
        int services = runtime.templates().stream().mapToInt(TemplateStats::alive).sum();
        Optional<RunningMessage> longest = runtime.running().stream()
                .max(Comparator.comparing(RunningMessage::elapsed));
        if (longest.isPresent() && longest.get().elapsed().compareTo(stuckMessage) > 0) {
            RunningMessage r = longest.get();
            return Health.down()
                    .withDetail("state", "a worker is stuck in one message")
                    .withDetail("worker", r.worker())
                    .withDetail("service", r.destination().toString())
                    .withDetail("template", r.template())
                    .withDetail("message", r.what())
                    .withDetail("elapsedMillis", r.elapsed().toMillis())
                    .withDetail("limitMillis", stuckMessage.toMillis())
                    .build();
        }
        return Health.up().withDetail("services", services).withDetail("workers", runtime.settings().workers())
                .build();
    }
}
