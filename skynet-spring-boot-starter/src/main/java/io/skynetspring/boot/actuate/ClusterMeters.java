package io.skynetspring.boot.actuate;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.skynetspring.core.cluster.Cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The cluster's links as Micrometer meters, tagged {@code node} and {@code direction} (out: the node's
 * name; in: the remote host): counters {@code skynet.cluster.calls}, {@code .pushes}, {@code .bytes}
 * (tag {@code way} = in|out), {@code .errors}, {@code .reconnects}, {@code .late.replies}, the gauge
 * {@code skynet.cluster.in.flight} and the function timer {@code skynet.cluster.latency}. All read the
 * link counters the cluster keeps; links appear at run time, so their meters are added by a check
 * every {@code refresh} (and at binding).
 *
 * <pre>{@code new ClusterMeters(cluster, Duration.ofSeconds(1)).bindTo(registry);}</pre>
 */
public class ClusterMeters implements MeterBinder, AutoCloseable {

    private final LinkCensus census;
    private final Duration refresh;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Set<LinkCensus.Key> bound = new HashSet<>();
    private ScheduledExecutorService timer;

    public ClusterMeters(Cluster cluster, Duration refresh) {
        this.census = new LinkCensus(cluster);
        this.refresh = refresh;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        synchronized (this) {
            registries.add(registry);
            for (LinkCensus.Key key : bound) {
                bind(registry, key);
            }
            if (timer == null) {
                timer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "skynet-cluster-meters");
                    t.setDaemon(true);
                    return t;
                });
                timer.scheduleWithFixedDelay(this::addNewLinks, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        addNewLinks();
    }

    /** Registers the meters of links that appeared since the last check. */
    synchronized void addNewLinks() {
        try {
            for (LinkCensus.Key key : census.keys()) {
                if (bound.add(key)) {
                    registries.forEach(r -> bind(r, key));
                }
            }
        } catch (RuntimeException e) {
            // a closed cluster at shutdown: no new links will come
        }
    }

    private void bind(MeterRegistry registry, LinkCensus.Key key) {
        counter(registry, key, "skynet.cluster.calls", "Calls made over the link (out) or served from it (in)",
                LinkCensus.CALLS, null, null);
        counter(registry, key, "skynet.cluster.pushes", "Pushes (cluster.send) sent or received", LinkCensus.PUSHES,
                null, null);
        counter(registry, key, "skynet.cluster.bytes", "Bytes received (way=in) and sent (way=out) on the link",
                LinkCensus.BYTES_IN, "in", BaseUnits.BYTES);
        counter(registry, key, "skynet.cluster.bytes", "Bytes received (way=in) and sent (way=out) on the link",
                LinkCensus.BYTES_OUT, "out", BaseUnits.BYTES);
        counter(registry, key, "skynet.cluster.errors", "Calls that failed: error replies, dropped links, refused sends",
                LinkCensus.ERRORS, null, null);
        counter(registry, key, "skynet.cluster.reconnects", "Connections made again after one was lost",
                LinkCensus.RECONNECTS, null, null);
        counter(registry, key, "skynet.cluster.late.replies", "Replies that came after their call had given up",
                LinkCensus.LATE_REPLIES, null, null);
        Gauge.builder("skynet.cluster.in.flight", census, c -> c.inFlight(key))
                .description("Calls waiting for their reply on the link")
                .tags("node", key.node(), "direction", key.direction()).strongReference(true).register(registry);
        FunctionTimer.builder("skynet.cluster.latency", census, c -> c.count(key, LinkCensus.LATENCY_COUNT),
                        c -> c.count(key, LinkCensus.LATENCY_NANOS), TimeUnit.NANOSECONDS)
                .description("Time from a call's request to its reply")
                .tags("node", key.node(), "direction", key.direction()).register(registry);
    }

    private void counter(MeterRegistry registry, LinkCensus.Key key, String name, String description, int counter,
                         String way, String unit) {
        ToDoubleFunction<LinkCensus> read = c -> c.count(key, counter);
        FunctionCounter.Builder<LinkCensus> b = FunctionCounter.builder(name, census, read).description(description)
                .tags("node", key.node(), "direction", key.direction());
        if (way != null) {
            b.tag("way", way);
        }
        if (unit != null) {
            b.baseUnit(unit);
        }
        b.register(registry);
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
