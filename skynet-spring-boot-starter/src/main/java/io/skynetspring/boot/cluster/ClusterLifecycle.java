package io.skynetspring.boot.cluster;

import io.skynetspring.boot.SkynetLifecycle;
import io.skynetspring.core.cluster.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * Opens the node's cluster port once the {@code skynet.bootstrap} services have started (so their
 * cluster names are registered before the first remote call can come in). At shutdown the cluster
 * stays open while the runtime drains: services still call other nodes, and answer the calls they had
 * taken, while calls that come in anew are refused as the runtime is closing; the runtime closes the
 * cluster (port, links, accepted connections) after its services' exits. Which port:
 * {@code skynet.cluster.port} when set (0 = a free one), else the node table's entry for
 * {@code skynet.cluster.name}, else none (calls out only).
 *
 * <pre>{@code cluster node [game] listening on /127.0.0.1:2528}</pre>
 */
public class ClusterLifecycle implements SmartLifecycle {

    /** Just after the runtime's lifecycle: starts after the bootstrap services. */
    public static final int PHASE = SkynetLifecycle.PHASE + 1;

    private static final Logger log = LoggerFactory.getLogger(ClusterLifecycle.class);
    private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(30);

    private final Cluster cluster;
    private final Integer port;
    private final Runnable beforeOpen;
    private volatile boolean running;

    /** {@code beforeOpen} runs first on start: the cluster names of the services started so far are registered. */
    public ClusterLifecycle(Cluster cluster, Integer port, Runnable beforeOpen) {
        this.cluster = cluster;
        this.port = port;
        this.beforeOpen = beforeOpen;
    }

    @Override
    public void start() {
        beforeOpen.run();
        String name = cluster.settings().name();
        Object entry = name == null ? null : cluster.settings().nodes().get(name);
        InetSocketAddress bound;
        if (port != null) {
            bound = open(cluster.open(port), "skynet.cluster.port=" + port + " (bind " + cluster.settings().bind() + ")");
        } else if (entry instanceof String address) {
            bound = open(cluster.open(name), "skynet.cluster.nodes." + name + "=" + address);
        } else {
            bound = null;
        }
        running = true;
        // a node that configured nothing of the cluster need not hear about it
        if (bound == null && (name != null || !cluster.settings().nodes().isEmpty())) {
            log.info("skynet cluster: {}no port open (set skynet.cluster.port, or a node-table entry for "
                    + "skynet.cluster.name); calls to other nodes only", name == null ? "" : "node '" + name + "': ");
        } else if (bound == null) {
            log.debug("skynet cluster: not configured; Cluster.of(runtime) calls other nodes after a reload");
        }
        // an opened port is logged once by the cluster itself: "cluster node [name] listening on host:port"
    }

    private static InetSocketAddress open(Mono<InetSocketAddress> open, String what) {
        try {
            return open.block(OPEN_TIMEOUT);
        } catch (RuntimeException e) {
            throw new IllegalStateException("skynet cluster: cannot listen as " + what + ": " + e.getMessage()
                    + "; pick a free port (0 picks one) or stop what holds it", e);
        }
    }

    /**
     * Leaves the cluster open for the drain that follows (its services' cluster calls would fail otherwise);
     * the cluster is one of the runtime's resources, closed when the runtime has stopped.
     */
    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        log.info("skynet cluster: open while the runtime drains; closed with it");
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
