package io.skynetspring.samples.cluster;

import io.skynetspring.boot.cluster.NodeTable;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.cluster.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sample's five nodes in one JVM: one Spring application context per node, each with its own skynet
 * runtime and cluster port, the node's role chosen by Spring profiles ({@code application-<role>.yml}).
 * Once all are up every node gets the same node table, made of the ports they really listen on, so
 * port 0 works too. A stopped node restarts on its old port, and the others reach it there again.
 *
 * <pre>{@code
 * try (SampleNodes nodes = SampleNodes.start(Map.of("skynet.cluster.port", "0", "server.port", "0"))) {
 *     nodes.cluster("node1").call("node2", "@game_service", "get_player", 1001L).block();
 * }
 * }</pre>
 */
public final class SampleNodes implements AutoCloseable {

    /** Every node and its roles, in start order: the game nodes of seed 6.2, node1 also serving HTTP. */
    public static final Map<String, List<String>> ROLES = roles();

    private static final Logger log = LoggerFactory.getLogger(SampleNodes.class);

    private final Map<String, String> properties;
    private final Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
    private final Map<String, String> table = new LinkedHashMap<>();

    private SampleNodes(Map<String, String> properties) {
        this.properties = Map.copyOf(properties);
    }

    /** Starts every node of {@link #ROLES} with {@code properties} on top of the yml files, then wires them. */
    public static SampleNodes start(Map<String, String> properties) {
        SampleNodes nodes = new SampleNodes(properties);
        try {
            ROLES.keySet().forEach(node -> nodes.running.put(node, nodes.run(node, Map.of())));
            nodes.running.forEach((node, context) -> nodes.table.put(node, hostPort(cluster(context).listening())));
            nodes.running.values().forEach(context -> context.getBean(NodeTable.class).reload(nodes.table));
            log.info("cluster sample: {} nodes up, node table {}", nodes.running.size(), nodes.table);
            return nodes;
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    /** Closes {@code node}'s context: its services drain and exit, its cluster port closes. */
    public void stop(String node) {
        ConfigurableApplicationContext context = running.remove(known(node));
        if (context == null) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        log.info("cluster sample: stopping node {}", node);
        context.close();
        log.info("cluster sample: node {} stopped", node);
    }

    /** Starts a stopped {@code node} again, on the port it had, with the node table. */
    public void restart(String node) {
        if (running.containsKey(known(node))) {
            throw new IllegalStateException("node " + node + " is running; stop it first");
        }
        Map<String, String> wiring = new LinkedHashMap<>();
        wiring.put("skynet.cluster.port", table.get(node).substring(table.get(node).lastIndexOf(':') + 1));
        table.forEach((name, address) -> wiring.put("skynet.cluster.nodes." + name, address));
        running.put(node, run(node, wiring));
        log.info("cluster sample: node {} up again on {}", node, table.get(node));
    }

    /** The node table every node has: name to "host:port". */
    public Map<String, String> table() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(table));
    }

    public ConfigurableApplicationContext context(String node) {
        ConfigurableApplicationContext context = running.get(known(node));
        if (context == null) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        return context;
    }

    public Cluster cluster(String node) {
        return cluster(context(node));
    }

    public Skynet skynet(String node) {
        return context(node).getBean(Skynet.class);
    }

    /** The HTTP port of node1, where {@code GET /player/{id}} is served. */
    public int httpPort() {
        return Integer.parseInt(context("node1").getEnvironment().getRequiredProperty("local.server.port"));
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        for (int i = names.size() - 1; i >= 0; i--) {
            running.remove(names.get(i)).close();
        }
    }

    private ConfigurableApplicationContext run(String node, Map<String, String> wiring) {
        Map<String, String> all = new LinkedHashMap<>(properties);
        all.put("skynet.cluster.name", node);
        all.put("spring.application.name", node);
        all.putAll(wiring);
        String[] args = all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        log.info("cluster sample: starting node {} ({})", node, String.join(", ", ROLES.get(node)));
        return new SpringApplicationBuilder(ClusterSampleApplication.class)
                .main(ClusterSampleApplication.class)
                .profiles(ROLES.get(node).toArray(String[]::new))
                .run(args);
    }

    private static String known(String node) {
        if (!ROLES.containsKey(node)) {
            throw new IllegalArgumentException("no node " + node + " in this sample; nodes are " + ROLES.keySet());
        }
        return node;
    }

    private static Cluster cluster(ConfigurableApplicationContext context) {
        return context.getBean(Cluster.class);
    }

    private static String hostPort(InetSocketAddress address) {
        if (address == null) {
            throw new IllegalStateException("a node of the sample does not listen: set skynet.cluster.port or "
                    + "its entry in skynet.cluster.nodes");
        }
        return address.getHostString() + ":" + address.getPort();
    }

    private static Map<String, List<String>> roles() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        roles.put("db", List.of("db"));
        roles.put("cache", List.of("cache"));
        roles.put("node1", List.of("game", "front"));
        roles.put("node2", List.of("game", "auth"));
        roles.put("node3", List.of("game"));
        return Collections.unmodifiableMap(roles);
    }
}
