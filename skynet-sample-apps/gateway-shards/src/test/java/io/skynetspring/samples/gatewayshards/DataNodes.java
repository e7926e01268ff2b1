package io.skynetspring.samples.gatewayshards;

import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.samples.cache.CacheApplication;
import io.skynetspring.samples.dbproxy.DbProxyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetSocketAddress;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data side of the gateway in this JVM: db-proxy nodes {@code db0}, {@code db1}, ... (mysql profile, one
 * database each) and a {@code cache} node, each the real app in a Spring context of its own with a cluster port
 * picked free. A stopped node restarts on its old port, where the gateway's cluster finds it again.
 *
 * <pre>{@code try (DataNodes nodes = DataNodes.start(dbs, 2)) { nodes.stop("db1"); nodes.restart("db1"); }}</pre>
 */
final class DataNodes implements AutoCloseable {

    static final String CACHE = "cache";

    private final ShardDatabases databases;
    private final String keyPrefix = "gwshards-" + UUID.randomUUID().toString().substring(0, 8) + ":";
    private final Map<String, ConfigurableApplicationContext> running = new LinkedHashMap<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final List<String> shards = new ArrayList<>();

    private DataNodes(ShardDatabases databases) {
        this.databases = databases;
    }

    static DataNodes start(ShardDatabases databases, int shards) {
        DataNodes nodes = new DataNodes(databases);
        try {
            for (int i = 0; i < shards; i++) {
                nodes.shards.add("db" + i);
                nodes.run("db" + i, 0);
            }
            nodes.run(CACHE, 0);
            return nodes;
        } catch (RuntimeException e) {
            nodes.close();
            throw e;
        }
    }

    /** The shard nodes' names, in order: {@code db0, db1, ...}. */
    List<String> shards() {
        return List.copyOf(shards);
    }

    /** Every node's cluster address, for the gateway's {@code skynet.cluster.nodes}. */
    Map<String, String> table() {
        Map<String, String> table = new LinkedHashMap<>();
        ports.forEach((node, port) -> table.put(node, "127.0.0.1:" + port));
        return table;
    }

    /** The cache app's key prefix in this run (keys are {@code <prefix>player_<id>}). */
    String keyPrefix() {
        return keyPrefix;
    }

    /** Closes the node's context: its service exits, its cluster port closes. */
    void stop(String node) {
        ConfigurableApplicationContext context = running.remove(node);
        if (context == null) {
            throw new IllegalStateException("node " + node + " is not running");
        }
        context.close();
    }

    void restart(String node) {
        if (running.containsKey(node)) {
            throw new IllegalStateException("node " + node + " is running; stop it first");
        }
        run(node, ports.get(node));
    }

    @Override
    public void close() {
        List<String> names = new ArrayList<>(running.keySet());
        names.forEach(this::stop);
    }

    private void run(String node, int port) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.application.name=" + node,
                "--skynet.cluster.name=" + node,
                "--skynet.cluster.port=" + port,
                "--spring.main.web-application-type=none",
                "--spring.main.keep-alive=false",
                "--spring.main.banner-mode=off",
                "--logging.include-application-name=false"));
        SpringApplicationBuilder app;
        if (node.equals(CACHE)) {
            args.add("--spring.config.location=" + configOf(CacheApplication.class));
            args.add("--cache.key-prefix=" + keyPrefix);
            // the db-proxy's migrations are on this classpath too; the cache has no database to run them on
            args.add("--spring.flyway.enabled=false");
            app = new SpringApplicationBuilder(CacheApplication.class);
        } else {
            args.add("--spring.config.location=" + configOf(DbProxyApplication.class));
            args.add("--SKYNET_DB_NAME=" + databases.name(shards.indexOf(node)));
            app = new SpringApplicationBuilder(DbProxyApplication.class).profiles("mysql");
        }
        ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
        running.put(node, context);
        InetSocketAddress listening = context.getBean(Cluster.class).listening();
        ports.put(node, listening.getPort());
    }

    /**
     * The app's own application.yml: each sample app has one at the root of its classpath, and a lookup by
     * name would find the first of them for every app.
     */
    static String configOf(Class<?> app) {
        URL where = app.getProtectionDomain().getCodeSource().getLocation();
        String base = where.toString();
        return base.endsWith(".jar") ? "jar:" + base + "!/application.yml" : base + (base.endsWith("/") ? "" : "/")
                + "application.yml";
    }
}
