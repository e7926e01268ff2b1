package io.skynetspring.boot.actuate;

import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.LinkStat;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The cluster's links summed per meter key (node tag, direction) for function counters: an outgoing
 * link is keyed by its node's name, accepted connections by the remote host (their ports would make a
 * tag per connection). Counts of links that closed, or restarted from zero, are kept, so a counter
 * never goes down. At most {@link #MAX_KEYS} keys; later ones share the node tag {@code "other"}. One
 * {@code links()} walk serves every meter for a second.
 */
final class LinkCensus {

    static final int MAX_KEYS = 256;
    static final String OTHER = "other";

    static final int CALLS = 0;
    static final int PUSHES = 1;
    static final int BYTES_IN = 2;
    static final int BYTES_OUT = 3;
    static final int ERRORS = 4;
    static final int RECONNECTS = 5;
    static final int LATE_REPLIES = 6;
    static final int LATENCY_COUNT = 7;
    static final int LATENCY_NANOS = 8;
    private static final int COUNTERS = 9;

    private static final long FRESH_NANOS = 1_000_000_000L;

    /** What a meter is tagged with. */
    record Key(String node, String direction) {
    }

    private final Cluster cluster;
    private final Set<Key> keys = new LinkedHashSet<>();
    // counts of links no longer live, per key
    private final Map<Key, long[]> retired = new HashMap<>();
    // last seen counters of each live link, by its identity
    private final Map<String, long[]> live = new HashMap<>();
    private final Map<String, Key> liveKey = new HashMap<>();
    private final Map<Key, Integer> inFlight = new HashMap<>();
    private long takenAt;
    private boolean taken;

    LinkCensus(Cluster cluster) {
        this.cluster = cluster;
    }

    /** Every key met so far, in order of appearance. */
    synchronized List<Key> keys() {
        refresh();
        return List.copyOf(keys);
    }

    synchronized long count(Key key, int counter) {
        refresh();
        long[] r = retired.get(key);
        long n = r == null ? 0 : r[counter];
        for (Map.Entry<String, long[]> e : live.entrySet()) {
            if (key.equals(liveKey.get(e.getKey()))) {
                n += e.getValue()[counter];
            }
        }
        return n;
    }

    synchronized int inFlight(Key key) {
        refresh();
        return inFlight.getOrDefault(key, 0);
    }

    private void refresh() {
        long now = System.nanoTime();
        if (taken && now - takenAt < FRESH_NANOS) {
            return;
        }
        List<LinkStat> links = cluster.links();
        Set<String> present = new HashSet<>();
        Map<Key, Integer> flying = new HashMap<>();
        for (LinkStat s : links) {
            String id = s.direction() + "|" + s.node() + "|" + s.address();
            long[] counters = counters(s);
            Key key = liveKey.computeIfAbsent(id, k -> keyOf(s));
            long[] before = live.get(id);
            if (before != null && wentDown(before, counters)) {
                retire(key, before);    // the same identity came back as a new link, counting from zero
            }
            live.put(id, counters);
            present.add(id);
            flying.merge(key, s.inFlight(), Integer::sum);
        }
        live.entrySet().removeIf(e -> {
            if (present.contains(e.getKey())) {
                return false;
            }
            retire(liveKey.remove(e.getKey()), e.getValue());
            return true;
        });
        inFlight.clear();
        inFlight.putAll(flying);
        takenAt = now;
        taken = true;
    }

    private Key keyOf(LinkStat s) {
        String node = "in".equals(s.direction()) ? host(s.node()) : s.node();
        Key key = new Key(node, s.direction());
        if (keys.contains(key)) {
            return key;
        }
        if (keys.size() >= MAX_KEYS) {
            key = new Key(OTHER, s.direction());
        }
        keys.add(key);
        return key;
    }

    private void retire(Key key, long[] counters) {
        long[] r = retired.computeIfAbsent(key, k -> new long[COUNTERS]);
        for (int i = 0; i < COUNTERS; i++) {
            r[i] += counters[i];
        }
    }

    private static boolean wentDown(long[] before, long[] now) {
        for (int i = 0; i < COUNTERS; i++) {
            if (now[i] < before[i]) {
                return true;
            }
        }
        return false;
    }

    private static long[] counters(LinkStat s) {
        long[] c = new long[COUNTERS];
        c[CALLS] = s.calls();
        c[PUSHES] = s.pushes();
        c[BYTES_IN] = s.bytesIn();
        c[BYTES_OUT] = s.bytesOut();
        c[ERRORS] = s.errors();
        c[RECONNECTS] = s.reconnects();
        c[LATE_REPLIES] = s.lateReplies();
        c[LATENCY_COUNT] = s.latencyCount();
        c[LATENCY_NANOS] = s.latencyTotalNanos();
        return c;
    }

    /**
     * The host of a remote address as the runtime prints it ({@code 10.0.0.5:41234}, {@code [::1]:41234},
     * or an IPv6 address with its port after the last colon); the text itself when it ends in no port.
     */
    static String host(String address) {
        if (address == null || address.isEmpty()) {
            return "unknown";
        }
        String a = address.startsWith("/") ? address.substring(1) : address;
        int colon = a.lastIndexOf(':');
        if (colon <= 0 || colon == a.length() - 1 || !a.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return a;
        }
        String host = a.substring(0, colon);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
