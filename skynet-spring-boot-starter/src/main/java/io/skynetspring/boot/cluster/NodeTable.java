package io.skynetspring.boot.cluster;

import io.skynetspring.core.cluster.Cluster;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The node table the cluster runs with: the configured entries (properties, replaced by a reload
 * through Actuator) over the nodes discovery found. A configured entry wins over a discovered one of
 * the same name, so an operator can pin a node or mark it down ({@code false}) whatever Redis says.
 *
 * <pre>{@code table.reload(Map.of("db", "10.0.0.5:2528"));   // discovered nodes stay}</pre>
 */
public final class NodeTable {

    private final Cluster cluster;
    private Map<String, Object> configured;
    private Map<String, String> discovered = Map.of();

    public NodeTable(Cluster cluster, Map<String, ?> configured) {
        this.cluster = cluster;
        this.configured = new LinkedHashMap<>(configured);
    }

    /** Replaces the configured entries ({@code cluster.reload}); values are checked first, see {@link NodeEntries}. */
    public synchronized void reload(Map<String, ?> nodes) {
        Map<String, Object> checked = NodeEntries.parse(nodes, "nodes: ");
        configured = checked;
        apply();
    }

    /** Replaces what discovery found (name to host:port). */
    public synchronized void discovered(Map<String, String> nodes) {
        discovered = Map.copyOf(nodes);
        apply();
    }

    public synchronized Map<String, Object> configured() {
        return Map.copyOf(configured);
    }

    public synchronized Map<String, String> discovered() {
        return discovered;
    }

    /** What the cluster was last given: discovered nodes overlaid with the configured entries. */
    public synchronized Map<String, Object> merged() {
        Map<String, Object> all = new LinkedHashMap<>(discovered);
        all.putAll(configured);
        return all;
    }

    private void apply() {
        cluster.reload(merged());
    }
}
