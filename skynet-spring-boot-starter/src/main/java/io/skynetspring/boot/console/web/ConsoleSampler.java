package io.skynetspring.boot.console.web;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceStats;
import io.skynetspring.core.socket.SocketDriver;
import io.skynetspring.core.socket.SocketStat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Takes the console's snapshots. One sample serves every reader for most of an interval, so ten
 * open pages cost one walk over the services a second, and nothing is sampled while nobody looks.
 * Rates come from the counts of the previous sample, kept per address for the services alive then
 * only (the map is rebuilt at every sample, so it never holds more entries than there are services).
 *
 * <pre>{@code ConsoleSnapshot s = sampler.current();}</pre>
 */
public final class ConsoleSampler {

    /** Later than this fraction of the interval, a reader gets a new sample rather than the cached one. */
    private static final double STALE = 0.9;

    private static final Comparator<ServiceRow> BUSIEST = Comparator.comparingDouble(ServiceRow::rate).reversed()
            .thenComparing(Comparator.comparingInt(ServiceRow::mailbox).reversed())
            .thenComparing(Comparator.comparingLong(ServiceRow::messages).reversed())
            .thenComparing(ServiceRow::address);

    private final SkynetRuntime runtime;
    private final Supplier<List<SocketDriver>> drivers;
    private final long staleNanos;
    private final int maxServices;

    private record Seen(long messages, long busyNanos) {
    }

    private ConsoleSnapshot last;
    private long lastNanos;
    private Map<Address, Seen> seen = Map.of();

    /**
     * @param drivers the socket drivers whose sockets are counted per holder, looked up at every
     *                sample (the runtime's shared one exists only once a service used sockets)
     */
    public ConsoleSampler(SkynetRuntime runtime, Supplier<List<SocketDriver>> drivers, Duration interval,
                          int maxServices) {
        this.runtime = runtime;
        this.drivers = drivers;
        this.staleNanos = (long) (interval.toNanos() * STALE);
        this.maxServices = Math.max(0, maxServices);
    }

    /** The latest snapshot, taken now unless the cached one is younger than most of an interval. */
    public synchronized ConsoleSnapshot current() {
        long now = System.nanoTime();
        if (last == null || now - lastNanos >= staleNanos) {
            last = sample(now);
            lastNanos = now;
        }
        return last;
    }

    private ConsoleSnapshot sample(long now) {
        boolean first = last == null;
        double seconds = first ? 0 : (now - lastNanos) / 1e9;
        Map<Address, Long> sockets = socketsByHolder();
        List<ServiceStats> services = runtime.services();
        Map<Address, Seen> next = new HashMap<>(services.size() * 2);
        List<ServiceRow> rows = new ArrayList<>(services.size());
        long messages = 0;
        double rate = 0;
        for (ServiceStats s : services) {
            long busy = s.busy().toNanos();
            next.put(s.address(), new Seen(s.processed(), busy));
            // a service missing from the previous sample was born since: all it handled fell in the interval
            Seen before = seen.getOrDefault(s.address(), new Seen(0, 0));
            double r = seconds > 0 ? Math.max(0, s.processed() - before.messages) / seconds : 0;
            double load = seconds > 0 ? Math.min(1, Math.max(0, busy - before.busyNanos) / 1e9 / seconds) : 0;
            messages += s.processed();
            rate += r;
            rows.add(new ServiceRow(s.address().toString(), s.template(), s.names(), s.mailbox(), s.processed(),
                    round(r), round(busy / 1e6), round(load), s.errors(), s.refused(), s.dropped(), s.pendingCalls(),
                    s.openReplies(), sockets.getOrDefault(s.address(), 0L)));
        }
        seen = next;
        rows.sort(BUSIEST);
        List<ServiceRow> listed = rows.size() > maxServices ? List.copyOf(rows.subList(0, maxServices)) : rows;
        long open = sockets.values().stream().mapToLong(Long::longValue).sum();
        return new ConsoleSnapshot(System.currentTimeMillis(), runtime.settings().nodeId(), runtime.settings().profile(),
                listed, new ConsoleSnapshot.Totals(services.size(), listed.size(), messages, round(rate), open));
    }

    private Map<Address, Long> socketsByHolder() {
        Map<Address, Long> counts = new HashMap<>();
        for (SocketDriver d : drivers.get()) {
            if (d.isClosed()) {
                continue;
            }
            for (SocketStat s : d.netstat().sockets()) {
                counts.merge(s.holder(), 1L, Long::sum);
            }
        }
        return counts;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
