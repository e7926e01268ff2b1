package io.skynetspring.boot.cluster.discovery;

import io.skynetspring.boot.cluster.ClusterLifecycle;
import io.skynetspring.boot.cluster.NodeEntries;
import io.skynetspring.boot.cluster.NodeTable;
import io.skynetspring.boot.cluster.SkynetClusterProperties;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Cluster membership through Redis: this node keeps {@code <prefix><name>} = {@code host:port} of its
 * port alive (SET with the TTL, refreshed every third of it, deleted at shutdown), and every
 * {@code interval} reads {@code <prefix>*} (SCAN, never KEYS) and reloads the node table when the set
 * changed, so nodes can come and go. While Redis fails the node keeps the table it has; each kind of
 * failure logs one warning per outage (the rest are counted as incidents) and one line when it works again.
 *
 * <pre>{@code skynet.cluster.discovery.redis.enabled=true   # spring.data.redis.host=... for the server}</pre>
 */
public class RedisDiscovery implements SmartLifecycle {

    /** After the cluster port opened (the announced address is the bound one); stops before it closes. */
    public static final int PHASE = ClusterLifecycle.PHASE + 1;

    /** Most nodes taken from Redis; keys past it are ignored (incident {@code cluster.discovery.too-many}). */
    public static final int MAX_NODES = 1024;

    static final String ANNOUNCE = "cluster.discovery.announce";
    static final String READ = "cluster.discovery.read";
    static final String WITHDRAW = "cluster.discovery.withdraw";
    static final String BAD_ENTRY = "cluster.discovery.bad-entry";
    static final String TOO_MANY = "cluster.discovery.too-many";

    private static final Logger log = LoggerFactory.getLogger(RedisDiscovery.class);
    private static final DefaultRedisScript<Long> DELETE_IF_OURS = new DefaultRedisScript<>(
            "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end",
            Long.class);
    private static final int SHOWN_NAMES = 10;

    private final StringRedisTemplate redis;
    private final Cluster cluster;
    private final NodeTable table;
    private final IncidentLog incidents;
    private final String prefix;
    private final Duration ttl;
    private final Duration interval;
    private final String advertiseHost;
    // kind -> failures in the outage going on; touched by the discovery thread and by stop()
    private final Map<String, Long> failing = new HashMap<>();
    private ScheduledExecutorService timer;
    private String key;
    private String announced;
    private Map<String, String> seen;
    // keys that held junk at the last read: warned about once, then only counted while they stay
    private Set<String> junk = Set.of();
    private volatile boolean running;

    public RedisDiscovery(StringRedisTemplate redis, Cluster cluster, NodeTable table, IncidentLog incidents,
                          SkynetClusterProperties.Redis settings) {
        if (settings.getKeyPrefix() == null || settings.getKeyPrefix().isEmpty()) {
            throw new IllegalStateException("skynet.cluster.discovery.redis.key-prefix is empty: every key of the "
                    + "Redis database would be read as a node; use e.g. skynet:cluster:");
        }
        if (settings.getTtl() == null || settings.getTtl().toMillis() < 30) {
            throw new IllegalStateException("skynet.cluster.discovery.redis.ttl=" + settings.getTtl()
                    + " is too short: at least 30ms (it is refreshed every third of it)");
        }
        if (settings.getInterval() == null || settings.getInterval().toMillis() < 10) {
            throw new IllegalStateException("skynet.cluster.discovery.redis.interval=" + settings.getInterval()
                    + " is too short: at least 10ms");
        }
        this.redis = redis;
        this.cluster = cluster;
        this.table = table;
        this.incidents = incidents;
        this.prefix = settings.getKeyPrefix();
        this.ttl = settings.getTtl();
        this.interval = settings.getInterval();
        this.advertiseHost = settings.getAdvertiseHost();
    }

    @Override
    public void start() {
        String name = cluster.settings().name();
        InetSocketAddress bound = cluster.listening();
        running = true;
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "skynet-cluster-discovery" + (name == null ? "" : "-" + name));
            t.setDaemon(true);
            return t;
        });
        if (name != null && bound != null) {
            key = prefix + name;
            announced = advertised(bound);
            long every = Math.max(10, ttl.toMillis() / 3);
            timer.scheduleWithFixedDelay(this::announce, 0, every, TimeUnit.MILLISECONDS);
            log.info("skynet cluster discovery: announcing {}={} in Redis (ttl {} ms), reading {}* every {} ms",
                    key, announced, ttl.toMillis(), prefix, interval.toMillis());
        } else {
            log.info("skynet cluster discovery: reading {}* in Redis every {} ms; not announcing this node ({})",
                    prefix, interval.toMillis(), name == null ? "no skynet.cluster.name" : "no port open");
        }
        timer.scheduleWithFixedDelay(this::read, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (key != null) {
            try {
                redis.execute(DELETE_IF_OURS, List.of(key), announced);
                log.info("skynet cluster discovery: {} withdrawn from Redis", key);
            } catch (RuntimeException e) {
                failed(WITHDRAW, "withdrawing " + key + " (other nodes drop it when its ttl runs out)", e);
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** The nodes found in Redis at the last successful read (name to host:port), empty before it. */
    public synchronized Map<String, String> seen() {
        return seen == null ? Map.of() : seen;
    }

    private void announce() {
        try {
            redis.opsForValue().set(key, announced, ttl);
            recovered(ANNOUNCE, "announcing " + key);
        } catch (RuntimeException e) {
            failed(ANNOUNCE, "announcing " + key, e);
        }
    }

    private void read() {
        Map<String, String> found;
        try {
            found = scan();
            recovered(READ, "reading " + prefix + "*");
        } catch (RuntimeException e) {
            failed(READ, "reading " + prefix + "*", e);
            return;
        }
        Map<String, String> before;
        synchronized (this) {
            before = seen;
            if (found.equals(before)) {
                return;
            }
            seen = found;
        }
        try {
            table.discovered(found);
        } catch (RuntimeException e) {
            log.warn("skynet cluster discovery: the cluster refused the node table {}: {}", found, e.toString());
            return;
        }
        logChange(before == null ? Map.of() : before, found);
    }

    private Map<String, String> scan() {
        Set<String> keys = new LinkedHashSet<>();
        boolean tooMany = false;
        ScanOptions options = ScanOptions.scanOptions().match(glob(prefix) + "*").count(256).build();
        try (Cursor<String> cursor = redis.scan(options)) {
            while (cursor.hasNext()) {
                String k = cursor.next();
                if (keys.size() >= MAX_NODES && !keys.contains(k)) {
                    tooMany = true;
                    break;
                }
                keys.add(k);
            }
        }
        if (tooMany) {
            incidents.warn(TOO_MANY, Address.NONE, "skynet cluster discovery: more than {} keys {}*; the rest are "
                    + "ignored", MAX_NODES, prefix);
        }
        Map<String, String> found = new TreeMap<>();
        if (keys.isEmpty()) {
            junk = Set.of();
            return found;
        }
        Set<String> bad = new HashSet<>();
        List<String> names = new ArrayList<>(keys);
        List<String> values = redis.opsForValue().multiGet(names);
        for (int i = 0; i < names.size(); i++) {
            String value = values == null ? null : values.get(i);
            if (value == null) {
                continue;   // expired between SCAN and MGET
            }
            String name = names.get(i).substring(prefix.length());
            if (name.isEmpty() || !NodeEntries.isAddress(value)) {
                bad.add(names.get(i));
                if (junk.contains(names.get(i))) {
                    incidents.record(BAD_ENTRY);
                } else {
                    incidents.warn(BAD_ENTRY, Address.NONE, "skynet cluster discovery: key {} holds \"{}\", not "
                            + "host:port; ignored while it does", names.get(i),
                            value.length() > 64 ? value.substring(0, 64) + "..." : value);
                }
                continue;
            }
            found.put(name, value);
        }
        junk = bad;
        return found;
    }

    private void failed(String kind, String what, RuntimeException e) {
        if (!running && !WITHDRAW.equals(kind)) {
            return;     // stop() interrupted it
        }
        long n;
        synchronized (failing) {
            n = failing.merge(kind, 1L, Long::sum);
        }
        if (n == 1) {
            incidents.warn(kind, Address.NONE, "skynet cluster discovery: {} failed: {}; the node keeps its table "
                    + "and retries (one line per outage)", what, reason(e));
        } else {
            incidents.record(kind);
        }
    }

    private void recovered(String kind, String what) {
        Long n;
        synchronized (failing) {
            n = failing.remove(kind);
        }
        if (n != null) {
            log.info("skynet cluster discovery: {} works again after {} failure(s)", what, n);
        }
    }

    private static String reason(Throwable e) {
        StringBuilder b = new StringBuilder(e.toString());
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            b.append(" <- ").append(c);
        }
        return b.toString();
    }

    private void logChange(Map<String, String> before, Map<String, String> after) {
        List<String> joined = new ArrayList<>();
        List<String> left = new ArrayList<>();
        after.forEach((name, address) -> {
            if (!address.equals(before.get(name))) {
                joined.add(name + "=" + address);
            }
        });
        before.keySet().forEach(name -> {
            if (!after.containsKey(name)) {
                left.add(name);
            }
        });
        if (!joined.isEmpty() || !left.isEmpty()) {
            log.info("skynet cluster discovery: {} node(s) in Redis; new or moved {}, gone {}", after.size(),
                    shown(joined), shown(left));
        }
    }

    private static String shown(List<String> names) {
        return names.size() <= SHOWN_NAMES ? names.toString()
                : names.subList(0, SHOWN_NAMES) + " and " + (names.size() - SHOWN_NAMES) + " more";
    }

    private String advertised(InetSocketAddress bound) {
        String host;
        if (advertiseHost != null && !advertiseHost.isBlank()) {
            host = advertiseHost.trim();
        } else if (bound.getAddress() != null && bound.getAddress().isAnyLocalAddress()) {
            try {
                host = InetAddress.getLocalHost().getHostAddress();
            } catch (UnknownHostException e) {
                throw new IllegalStateException("skynet cluster discovery: the port is bound to every interface and "
                        + "this host's address is unknown (" + e.getMessage() + "); set "
                        + "skynet.cluster.discovery.redis.advertise-host", e);
            }
        } else {
            host = bound.getHostString();
        }
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + bound.getPort();
    }

    /** {@code text} with Redis glob characters escaped, for a MATCH pattern. */
    static String glob(String text) {
        StringBuilder b = new StringBuilder(text.length() + 4);
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }
}
