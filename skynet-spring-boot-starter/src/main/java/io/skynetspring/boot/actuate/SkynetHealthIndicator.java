package io.skynetspring.boot.actuate;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.LinkStat;
import io.skynetspring.core.service.RunningMessage;
import io.skynetspring.core.service.TemplateStats;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node's health: DOWN once the runtime is shutting down or stopped, or while a worker has been
 * inside one message longer than {@code stuckMessage} (a stuck worker stalls every service queued
 * behind it); UP otherwise. With a cluster, a {@code cluster} detail gives where the node listens and
 * how many of its links are up; the cluster never makes the node DOWN: another node being down is
 * that node's health, and a port that cannot be opened fails the start instead.
 *
 * <pre>{@code GET /actuator/health/skynet}</pre>
 */
public class SkynetHealthIndicator implements HealthIndicator {

    private final SkynetRuntime runtime;
    private final Duration stuckMessage;
    private final Cluster cluster;

    public SkynetHealthIndicator(SkynetRuntime runtime, Duration stuckMessage) {
        this(runtime, stuckMessage, null);
    }

    /** {@code cluster} may be null: a node without a cluster. */
    public SkynetHealthIndicator(SkynetRuntime runtime, Duration stuckMessage, Cluster cluster) {
        this.runtime = runtime;
        this.stuckMessage = stuckMessage;
        this.cluster = cluster;
    }

    @Override
    public Health health() {
        Health.Builder health = check();
        if (cluster != null) {
            health.withDetail("cluster", clusterDetail());
        }
        return health.build();
    }

    private Map<String, Object> clusterDetail() {
        Map<String, Object> detail = new LinkedHashMap<>();
        InetSocketAddress at = cluster.listening();
        List<LinkStat> links = cluster.links();
        detail.put("listening", at == null ? "no port" : at.getHostString() + ":" + at.getPort());
        detail.put("linksUp", links.stream().filter(l -> "up".equals(l.state())).count());
        detail.put("links", links.size());
        return detail;
    }

    private Health.Builder check() {
        if (runtime.isStopped() || runtime.isShuttingDown()) {
            return Health.down().withDetail("state", runtime.isStopped() ? "stopped" : "shutting down");
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
                    .withDetail("limitMillis", stuckMessage.toMillis());
        }
        return Health.up().withDetail("services", services).withDetail("workers", runtime.settings().workers());
    }
}
