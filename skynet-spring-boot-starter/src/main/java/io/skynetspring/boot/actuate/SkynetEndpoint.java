package io.skynetspring.boot.actuate;

import io.skynetspring.boot.cluster.NodeEntries;
import io.skynetspring.boot.cluster.NodeTable;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code skynet} Actuator endpoint: skynet's {@code list}/{@code stat} for one node with its
 * cluster, one service in detail, {@code kill} when {@code skynet.actuator.kill-enabled=true}, and
 * the cluster's node table reload when {@code skynet.actuator.cluster-reload-enabled=true}. Like
 * Boot's own endpoints it is reachable over HTTP only once exposed
 * ({@code management.endpoints.web.exposure.include=skynet}).
 *
 * <pre>{@code
 * GET  /actuator/skynet                 every service, the cluster
 * GET  /actuator/skynet/:0000000a       one service (also .name or bare hex)
 * POST /actuator/skynet/:0000000a       kill it
 * POST /actuator/skynet  {"nodes": "db=10.0.0.5:2528, old=false"}   cluster.reload
 * }</pre>
 */
@Endpoint(id = "skynet")
public class SkynetEndpoint {

    private final SkynetRuntime runtime;
    private final boolean killEnabled;
    private final Cluster cluster;
    private final NodeTable table;
    private final boolean reloadEnabled;

    public SkynetEndpoint(SkynetRuntime runtime, boolean killEnabled) {
        this(runtime, killEnabled, null, null, false);
    }

    /** {@code cluster} and {@code table} may be null: a node without a cluster. */
    public SkynetEndpoint(SkynetRuntime runtime, boolean killEnabled, Cluster cluster, NodeTable table,
                          boolean reloadEnabled) {
        this.runtime = runtime;
        this.killEnabled = killEnabled;
        this.cluster = cluster;
        this.table = table;
        this.reloadEnabled = reloadEnabled;
    }

    @ReadOperation
    public NodeDescriptor node() {
        NodeSettings s = runtime.settings();
        return new NodeDescriptor(s.nodeId(), s.workers(), s.profile(), s.endlessThreshold().toMillis(),
                runtime.isShuttingDown(), runtime.endlessCount(),
                runtime.running().stream().map(NodeDescriptor.Running::of).toList(),
                runtime.services().stream().map(ServiceDescriptor::of).toList(),
                cluster == null ? null : ClusterDescriptor.of(cluster, table));
    }

    /**
     * Replaces the node table's configured entries ({@code cluster.reload}) with {@code nodes}, written as
     * {@code "name=host:port"} or {@code "name=false"} entries apart by commas or blanks (Actuator bodies are
     * flat); nodes found by discovery stay. Answers with the cluster as it is now. Refusals say why in
     * {@code {"error": ...}}: 403 while disabled, 400 for a bad table, 404 without a cluster.
     */
    @WriteOperation
    public WebEndpointResponse<Object> reload(@Nullable String nodes) {
        if (cluster == null) {
            return refusal(WebEndpointResponse.STATUS_NOT_FOUND,
                    "this node has no cluster (skynet.cluster.enabled=false)");
        }
        if (!reloadEnabled) {
            return refusal(403,
                    "cluster reload is disabled; set skynet.actuator.cluster-reload-enabled=true to allow it");
        }
        if (nodes == null) {
            return refusal(WebEndpointResponse.STATUS_BAD_REQUEST,
                    "no node table: send {\"nodes\": \"db=10.0.0.5:2528, old=false\"} (\"\" clears it)");
        }
        try {
            Map<String, Object> entries = NodeEntries.parseText(nodes, "nodes: ");
            if (table != null) {
                table.reload(entries);
            } else {
                cluster.reload(entries);
            }
        } catch (IllegalArgumentException e) {
            return refusal(WebEndpointResponse.STATUS_BAD_REQUEST, e.getMessage());
        }
        return new WebEndpointResponse<>(ClusterDescriptor.of(cluster, table));
    }

    /** The service at {@code address}; null (404 over HTTP) when none is alive there. */
    @ReadOperation
    public ServiceDescriptor service(@Selector String address) {
        return find(address).flatMap(runtime::service).map(ServiceDescriptor::of).orElse(null);
    }

    /**
     * Kills the service at {@code address} (skynet.kill: queued calls fail, no more of its code runs)
     * and answers with what it was. Refusals say why in {@code {"error": ...}}: 403 while kill is
     * disabled, 404 when no service is there. (Boot's own error for a thrown refusal is a bare 400:
     * its error body leaves the reason out by default.)
     */
    @WriteOperation
    public WebEndpointResponse<Object> kill(@Selector String address) {
        if (!killEnabled) {
            return refusal(403,
                    "kill is disabled; set skynet.actuator.kill-enabled=true to allow it");
        }
        ServiceDescriptor victim = service(address);
        if (victim == null) {
            return refusal(WebEndpointResponse.STATUS_NOT_FOUND,
                    "no service at " + address + "; GET /actuator/skynet lists the services");
        }
        runtime.kill(Address.parse(victim.address()));
        return new WebEndpointResponse<>(victim);
    }

    private static WebEndpointResponse<Object> refusal(int status, String why) {
        return new WebEndpointResponse<>(Map.of("status", status, "error", why), status);
    }

    private Optional<Address> find(String text) {
        return AddressText.parse(runtime, text);
    }
}
