package io.skynetspring.core.cluster;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * How this node takes part in a cluster.
 *
 * @param name        this node's name in the node table ({@code cluster.open(name)} binds its entry); may be null
 * @param bind        host the cluster port binds to (default 127.0.0.1: loopback unless configured)
 * @param nodes       skynet's clustername table: node name to {@code "host:port"}, {@code Boolean.FALSE} for a
 *                    node marked down. A call to a node the table lacks fails at once; the key
 *                    {@code "__nowaiting"} with {@code Boolean.FALSE} makes it wait for a reload instead (skynet's
 *                    default)
 * @param maxMessage  largest joined request or reply body accepted, in bytes (the frame size cap)
 * @param maxConnections most accepted connections at once (skynet's default 1024)
 * @param maxInFlight most calls waiting for replies on one outgoing link
 * @param secret      shared secret of the optional handshake between Java nodes; null = off
 * @param plainNodes  nodes that never get the handshake (real skynet nodes, which have none)
 * @param connectTimeout how long a connect may take
 * @param retryMin    first back-off after a failed connect; doubles up to {@code retryMax}
 * @param retryMax    longest back-off
 */
public record ClusterSettings(String name, String bind, Map<String, ?> nodes, int maxMessage, int maxConnections,
                              int maxInFlight, String secret, Set<String> plainNodes, Duration connectTimeout,
                              Duration retryMin, Duration retryMax) {

    public ClusterSettings {
        nodes = nodes == null ? Map.of() : Map.copyOf(nodes);
        plainNodes = plainNodes == null ? Set.of() : Set.copyOf(plainNodes);
        bind = bind == null || bind.isBlank() ? "127.0.0.1" : bind;
    }

    /** No name, no nodes, loopback, 16 MiB messages, 1024 connections, 65,536 calls in flight per link, no secret. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(null, "127.0.0.1", Map.of(), 16 << 20, 1024, 65_536, null, Set.of(),
                Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    public ClusterSettings withName(String name) {
        return new ClusterSettings(name, bind, nodes, maxMessage, maxConnections, maxInFlight, secret, plainNodes,
                connectTimeout, retryMin, retryMax);
    }

    public ClusterSettings withNodes(Map<String, ?> nodes) {
        return new ClusterSettings(name, bind, nodes, maxMessage, maxConnections, maxInFlight, secret, plainNodes,
                connectTimeout, retryMin, retryMax);
    }

    public ClusterSettings withBind(String bind) {
        return new ClusterSettings(name, bind, nodes, maxMessage, maxConnections, maxInFlight, secret, plainNodes,
                connectTimeout, retryMin, retryMax);
    }

    public ClusterSettings withSecret(String secret, Set<String> plainNodes) {
        return new ClusterSettings(name, bind, nodes, maxMessage, maxConnections, maxInFlight, secret, plainNodes,
                connectTimeout, retryMin, retryMax);
    }

    public ClusterSettings withMaxMessage(int maxMessage) {
        return new ClusterSettings(name, bind, nodes, maxMessage, maxConnections, maxInFlight, secret, plainNodes,
                connectTimeout, retryMin, retryMax);
    }

    public ClusterSettings withRetry(Duration retryMin, Duration retryMax) {
        return new ClusterSettings(name, bind, nodes, maxMessage, maxConnections, maxInFlight, secret, plainNodes,
                connectTimeout, retryMin, retryMax);
    }
}
