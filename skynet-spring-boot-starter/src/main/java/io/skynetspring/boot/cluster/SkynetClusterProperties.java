package io.skynetspring.boot.cluster;

import io.skynetspring.core.cluster.ClusterSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's part in a skynet cluster, under {@code skynet.cluster.*}: skynet's {@code cluster.open}
 * and clustername table as Spring properties.
 *
 * <pre>{@code
 * skynet.cluster.name=game
 * skynet.cluster.port=2528
 * skynet.cluster.nodes.db=10.0.0.5:2528
 * skynet.cluster.register.chat=chat
 * skynet.cluster.discovery.redis.enabled=true
 * }</pre>
 */
@ConfigurationProperties("skynet.cluster")
public class SkynetClusterProperties {

    /** Key of skynet's clustername table that makes calls to an absent node fail at once. */
    static final String NOWAITING = "__nowaiting";

    private static final ClusterSettings DEFAULTS = ClusterSettings.defaults();

    /** Whether this node has a cluster (a Cluster bean): calls to other nodes and, if configured, a port. */
    private boolean enabled = true;

    /** This node's name in the node table; with no port set, the node listens on its own entry of the table. */
    private String name;

    /** Host the cluster port binds to; loopback unless set (0.0.0.0 for every interface). */
    private String bind = "127.0.0.1";

    /** Port the node listens on, 0 for a free one; unset: the node's own entry of the table, if any, else no port. */
    private Integer port;

    /** The node table (skynet's clustername): node name to host:port, or false for a node marked down. */
    private Map<String, String> nodes = new LinkedHashMap<>();

    /**
     * Calls to a node absent from the table fail at once (true, the default); false waits for a reload that
     * adds it, under the call's deadline, as skynet does by default (its {@code __nowaiting}).
     */
    private boolean nowaiting = true;

    /** Largest request or reply body accepted from a link, after joining a large message's parts. */
    private DataSize maxMessage = DataSize.ofMegabytes(16);

    /** Most connections accepted at once on the cluster port. */
    private int maxConnections = 1024;

    /** Shared secret of the handshake between Java nodes; unset, links have no handshake (as skynet's). */
    private String secret;

    /** Nodes that never get the handshake even with a secret: real skynet nodes, which have none. */
    private List<String> plainNodes = new ArrayList<>();

    /** How long connecting to another node may take. */
    private Duration connectTimeout = Duration.ofSeconds(3);

    /**
     * Cluster names per service template: the template's first instance registers itself under that
     * name when it starts (skynet's cluster.register). Overrides @SkynetService(clusterName).
     */
    private Map<String, String> register = new LinkedHashMap<>();

    private final Discovery discovery = new Discovery();

    /**
     * The core settings these properties describe; a malformed entry is an error that names it.
     *
     * <pre>{@code Cluster.start(runtime, properties.toSettings());}</pre>
     */
    public ClusterSettings toSettings() {
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalStateException("skynet.cluster.port=" + port + " is not a port: use 1..65535, or 0 for a "
                    + "free one");
        }
        if (maxMessage.toBytes() < 1 || maxMessage.toBytes() > Integer.MAX_VALUE) {
            throw new IllegalStateException("skynet.cluster.max-message=" + maxMessage + " must be between 1B and 2GB");
        }
        if (maxConnections < 1) {
            throw new IllegalStateException("skynet.cluster.max-connections=" + maxConnections + " must be at least 1");
        }
        return new ClusterSettings(blankToNull(name), bind, nodeTable(), (int) maxMessage.toBytes(), maxConnections,
                DEFAULTS.maxInFlight(), blankToNull(secret), new HashSet<>(plainNodes), connectTimeout,
                DEFAULTS.retryMin(), DEFAULTS.retryMax());
    }

    /** {@code skynet.cluster.nodes} (and {@code nowaiting}) as the core's node table. */
    Map<String, Object> nodeTable() {
        Map<String, Object> table = NodeEntries.parse(nodes, "skynet.cluster.nodes.");
        if (!nowaiting) {
            table.put(NOWAITING, Boolean.FALSE);
        }
        return table;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getBind() {
        return bind;
    }

    public void setBind(String bind) {
        this.bind = bind;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Map<String, String> getNodes() {
        return nodes;
    }

    public void setNodes(Map<String, String> nodes) {
        this.nodes = nodes;
    }

    public boolean isNowaiting() {
        return nowaiting;
    }

    public void setNowaiting(boolean nowaiting) {
        this.nowaiting = nowaiting;
    }

    public DataSize getMaxMessage() {
        return maxMessage;
    }

    public void setMaxMessage(DataSize maxMessage) {
        this.maxMessage = maxMessage;
    }

    public int getMaxConnections() {
        return maxConnections;
    }

    public void setMaxConnections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    public String getSecret() {
        return secret;
    }

    public void setSecret(String secret) {
        this.secret = secret;
    }

    public List<String> getPlainNodes() {
        return plainNodes;
    }

    public void setPlainNodes(List<String> plainNodes) {
        this.plainNodes = plainNodes;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public Map<String, String> getRegister() {
        return register;
    }

    public void setRegister(Map<String, String> register) {
        this.register = register;
    }

    public Discovery getDiscovery() {
        return discovery;
    }

    /** Ways other nodes are found besides the static table. */
    public static class Discovery {

        private final Redis redis = new Redis();

        public Redis getRedis() {
            return redis;
        }
    }

    /**
     * Discovery through Redis (Spring Data Redis's connection, {@code spring.data.redis.*}): each node
     * keeps {@code <key-prefix><name>} = host:port of its port alive with a TTL, and every node reads the
     * keys to extend its node table, so nodes can come and go.
     */
    public static class Redis {

        /** Whether to announce this node in Redis and add the nodes found there to the node table. */
        private boolean enabled = false;

        /** Prefix of the keys, one per node: the rest of the key is the node's name. */
        private String keyPrefix = "skynet:cluster:";

        /** How long a node's key lives unless refreshed (it is refreshed every third of it): how long a crashed node stays. */
        private Duration ttl = Duration.ofSeconds(10);

        /** How often the keys are read to update the node table. */
        private Duration interval = Duration.ofSeconds(2);

        /** Host other nodes reach this one at; default: the bound address, or this host's address when bound to every interface. */
        private String advertiseHost;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public String getKeyPrefix() {
            return keyPrefix;
        }

        public void setKeyPrefix(String keyPrefix) {
            this.keyPrefix = keyPrefix;
        }

        public Duration getTtl() {
            return ttl;
        }

        public void setTtl(Duration ttl) {
            this.ttl = ttl;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public String getAdvertiseHost() {
            return advertiseHost;
        }

        public void setAdvertiseHost(String advertiseHost) {
            this.advertiseHost = advertiseHost;
        }
    }
}
