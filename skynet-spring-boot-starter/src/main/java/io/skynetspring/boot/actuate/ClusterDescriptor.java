package io.skynetspring.boot.actuate;

import io.skynetspring.boot.cluster.NodeTable;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.LinkStat;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The node's cluster as the skynet endpoint shows it: its name, where it listens, the node table in
 * use (and where its entries came from), the names registered here and every link with its counters.
 *
 * <pre>{@code GET /actuator/skynet   ->  {"cluster": {"name": "game", "listening": "127.0.0.1:2528", ...}}}</pre>
 *
 * @param configured entries from properties or the last reload through Actuator
 * @param discovered nodes found by discovery (empty without it)
 */
public record ClusterDescriptor(String name, String listening, Map<String, String> nodes,
                                Map<String, Object> configured, Map<String, String> discovered,
                                Map<String, String> registered, List<Link> links) {

    /** One link: outgoing to a node ({@code "out"}) or an accepted connection ({@code "in"}). Times in milliseconds. */
    public record Link(String node, String direction, String address, String state, long calls, long pushes,
                       long bytesIn, long bytesOut, long errors, long reconnects, int inFlight, long lateReplies,
                       long latencyCount, double latencyMeanMillis, double latencyMaxMillis) {

        static Link of(LinkStat s) {
            return new Link(s.node(), s.direction(), s.address(), s.state(), s.calls(), s.pushes(), s.bytesIn(),
                    s.bytesOut(), s.errors(), s.reconnects(), s.inFlight(), s.lateReplies(), s.latencyCount(),
                    s.latencyCount() == 0 ? 0 : s.latencyTotalNanos() / 1e6 / s.latencyCount(),
                    s.latencyMaxNanos() / 1e6);
        }
    }

    static ClusterDescriptor of(Cluster cluster, NodeTable table) {
        InetSocketAddress at = cluster.listening();
        Map<String, String> registered = new TreeMap<>();
        cluster.registered().forEach((name, address) -> registered.put(name, address.toString()));
        return new ClusterDescriptor(cluster.settings().name(), at == null ? null : at.getHostString() + ":" + at.getPort(),
                new TreeMap<>(cluster.nodes()), table == null ? Map.of() : new TreeMap<>(table.configured()),
                table == null ? Map.of() : new TreeMap<>(table.discovered()), registered,
                cluster.links().stream().map(Link::of).toList());
    }
}
