package io.skynetspring.boot.actuate;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.snax.MethodProfile;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxMethod;
import io.skynetspring.core.snax.SnaxProfile;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * The node's snax method profiles summed per template and method, from {@link Snax#profiles()} at
 * most once per {@code freshNanos}. Services that ended since the last read keep what was last
 * read of them, so the sums never go down (calls a service handled after the last read before it
 * ended are not counted). Holds one entry per live snax service and one per template and method.
 */
final class SnaxTotals {

    record Key(String template, String method) {
    }

    private final Snax snax;
    private final LongSupplier nanoClock;
    private final long freshNanos;
    private final BiConsumer<SnaxTotals, Key> onNewKey;
    /** Snax names whose templates appeared; their methods get keys at the next read. */
    private final Queue<String> announced = new ConcurrentLinkedQueue<>();

    private final Map<Key, long[]> retired = new HashMap<>();
    private final Set<Key> known = new HashSet<>();
    private final Set<String> awaited = new HashSet<>();
    private Map<Address, SnaxProfile> lastSeen = Map.of();
    private Map<Key, long[]> sums = Map.of();
    private long readAt;
    private boolean everRead;

    /** {@code onNewKey} runs once per template and method, when it is first seen. */
    SnaxTotals(Snax snax, LongSupplier nanoClock, long freshNanos, BiConsumer<SnaxTotals, Key> onNewKey) {
        this.snax = snax;
        this.nanoClock = nanoClock;
        this.freshNanos = freshNanos;
        this.onNewKey = onNewKey;
    }

    /** A snax service's template appeared; cheap and lock-free (called on workers). */
    void announce(String snaxName) {
        announced.add(snaxName);
    }

    synchronized long count(Key key) {
        long[] s = current().get(key);
        return s == null ? 0 : s[0];
    }

    synchronized long totalNanos(Key key) {
        long[] s = current().get(key);
        return s == null ? 0 : s[1];
    }

    /** Reads the profiles now, whatever their age. */
    synchronized void refresh() {
        readAt = nanoClock.getAsLong();
        everRead = true;
        for (String name; (name = announced.poll()) != null; ) {
            awaited.add(name);
        }
        // the registry adds a snax template a moment before its name, so a name may not answer yet
        for (var it = awaited.iterator(); it.hasNext(); ) {
            String name = it.next();
            if (snax.isRegistered(name)) {
                it.remove();
                for (SnaxMethod m : snax.methods(name)) {
                    key(new Key(Snax.templateOf(name), m.name()));
                }
            }
        }
        List<SnaxProfile> profiles = snax.profiles();
        Map<Address, SnaxProfile> seen = new HashMap<>();
        for (SnaxProfile p : profiles) {
            seen.put(p.address(), p);
        }
        for (SnaxProfile gone : lastSeen.values()) {
            if (!seen.containsKey(gone.address())) {
                add(retired, gone);
            }
        }
        lastSeen = seen;
        Map<Key, long[]> next = new HashMap<>();
        retired.forEach((k, v) -> next.put(k, v.clone()));
        for (SnaxProfile p : profiles) {
            add(next, p);
        }
        sums = next;
        for (Key k : next.keySet()) {
            key(k);
        }
    }

    private Map<Key, long[]> current() {
        if (!everRead || nanoClock.getAsLong() - readAt >= freshNanos) {
            refresh();
        }
        return sums;
    }

    private void key(Key k) {
        if (known.add(k)) {
            onNewKey.accept(this, k);
        }
    }

    private static void add(Map<Key, long[]> into, SnaxProfile p) {
        String template = Snax.templateOf(p.name());
        for (MethodProfile m : p.methods().values()) {
            long[] s = into.computeIfAbsent(new Key(template, m.method()), k -> new long[2]);
            s[0] += m.count();
            s[1] += m.totalNanos();
        }
    }
}
