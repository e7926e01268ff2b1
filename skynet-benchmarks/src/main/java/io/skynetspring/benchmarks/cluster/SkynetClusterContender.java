package io.skynetspring.benchmarks.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterSettings;
import io.skynetspring.core.cluster.LinkStat;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * skynet-spring's client: a core runtime with its defaults and a cluster whose node table names the
 * echo node {@code "server"} at 127.0.0.1:port; callers are {@link ClusterCaller} services.
 */
final class SkynetClusterContender implements ClusterContender {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SkynetRuntime runtime;
    private final Cluster cluster;
    private final List<Address> callers = new ArrayList<>();
    // what the next caller the template makes works for; set before each startCallers' newService calls
    private volatile CallBook book;
    private volatile Payload payload;

    SkynetClusterContender(int serverPort) {
        runtime = SkynetRuntime.start(NodeSettings.defaults(), Duration.ofSeconds(2));
        try {
            cluster = Cluster.start(runtime, ClusterSettings.defaults().withName("client")
                    .withNodes(Map.of(ClusterCaller.NODE, "127.0.0.1:" + serverPort)));
            runtime.template("cluster-caller", ctx -> new ClusterCaller(ctx, cluster, book, payload));
        } catch (RuntimeException e) {
            runtime.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return "skynet";
    }

    @Override
    public void startCallers(int count, Payload payload, CallBook book) {
        this.book = book;
        this.payload = payload;
        for (int i = 0; i < count; i++) {
            callers.add(runtime.newService("cluster-caller").block(WAIT));
        }
        for (Address caller : callers) {
            runtime.send(caller, "start");
        }
    }

    @Override
    public void stopCallers() {
        for (Address caller : callers) {
            runtime.kill(caller);
        }
        callers.clear();
    }

    @Override
    public long served(Payload payload, boolean reset) {
        return cluster.call(ClusterCaller.NODE, ClusterCaller.ECHO, "served", Long.class, reset).block(WAIT);
    }

    @Override
    public long lateReplies() {
        return cluster.links().stream().mapToLong(LinkStat::lateReplies).sum();
    }

    @Override
    public Object echoOnce(Payload payload) {
        Object reply = cluster.call(ClusterCaller.NODE, ClusterCaller.ECHO, "echo", -1L, payload.value()).block(WAIT);
        if (reply instanceof List<?> echoed && echoed.size() == 2) {
            return echoed.get(1);
        }
        throw new IllegalStateException("echo answered " + reply + ", not {id, data}");
    }

    @Override
    public void close() {
        runtime.close();
    }
}
