package io.skynetspring.core.cluster;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * skynet's {@code skynet.cluster} for this node: calls and pushes to services on other nodes
 * (Java or real skynet) over skynet's own cluster protocol, and the port they call us on.
 * Targets on the remote node are an {@link Address} (or an {@code Integer} handle) or a name:
 * {@code "@name"} (registered with {@link #register}), {@code ".local"}, {@code ":0000000a"} or a global name.
 * From inside a service every returned {@code Mono} completes in that service, under the normal call deadline.
 *
 * <pre>{@code
 * Cluster cluster = Cluster.of(runtime);
 * cluster.reload(Map.of("db", "127.0.0.1:2528"));
 * Map<?, ?> player = cluster.call("db", "@sdb", "get_player", Map.class, 1001L).block();
 * }</pre>
 *
 * SKELETON: signatures fixed, bodies being written.
 */
public final class Cluster implements AutoCloseable {

    private Cluster() {
    }

    /** This node's cluster, with {@link ClusterSettings#defaults()} if none was started yet. */
    public static Cluster of(SkynetRuntime runtime) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Starts this node's cluster with {@code settings}; fails if one is already running. */
    public static Cluster start(SkynetRuntime runtime, ClusterSettings settings) {
        throw new UnsupportedOperationException("skeleton");
    }

    public ClusterSettings settings() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Listens on {@code port} at the configured bind host ({@code cluster.open(port)}); 0 picks a free port. */
    public Mono<InetSocketAddress> open(int port) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Listens on the address the node table gives {@code nodeName} ({@code cluster.open("name")}). */
    public Mono<InetSocketAddress> open(String nodeName) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Where this node listens, if it does. */
    public InetSocketAddress listening() {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * Replaces the node table ({@code cluster.reload}): values {@code "host:port"} or {@code false};
     * {@code __nowaiting}. Links whose address changed or that are now down close, failing their calls.
     */
    public void reload(Map<String, ?> nodes) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The node table now: name to {@code "host:port"} (nodes marked down are left out). */
    public Map<String, String> nodes() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Calls {@code command} on {@code target} of {@code node}; the reply is the remote handler's return value. */
    public Mono<Object> call(String node, Object target, String command, Object... args) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** {@link #call(String, Object, String, Object...)} with the reply converted to {@code type} (Lua tables to records). */
    public <T> Mono<T> call(String node, Object target, String command, Class<T> type, Object... args) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** A push ({@code cluster.send}): no reply; false if it could not be queued (unknown or down node). */
    public boolean send(String node, Object target, String command, Object... args) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** The remote address of a name registered on {@code node} ({@code cluster.query}). */
    public Mono<Address> query(String node, String name) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Makes {@code address} callable as {@code "@name"} and by {@link #query}; a taken name is an error. */
    public void register(String name, Address address) {
        throw new UnsupportedOperationException("skeleton");
    }

    public void unregister(String name) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Names registered on this node. */
    public Map<String, Address> registered() {
        throw new UnsupportedOperationException("skeleton");
    }

    /**
     * A local address that forwards to {@code name} on {@code node} ({@code cluster.proxy}): sends to it
     * become pushes, calls become cluster calls. Also {@code proxy("node@name")} / {@code proxy("node.name")}.
     */
    public Mono<Address> proxy(String node, String name) {
        throw new UnsupportedOperationException("skeleton");
    }

    public Mono<Address> proxy(String nodeAndName) {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Every link: one per remote node called, and every accepted connection. */
    public List<LinkStat> links() {
        throw new UnsupportedOperationException("skeleton");
    }

    /** Closes the port and every link; waiting calls fail. */
    @Override
    public void close() {
        throw new UnsupportedOperationException("skeleton");
    }
}
