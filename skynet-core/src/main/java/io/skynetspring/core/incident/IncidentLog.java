package io.skynetspring.core.incident;

import io.skynetspring.core.service.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * What went wrong on a node that hostile or unlucky input can repeat without end — a refused
 * message, a dropped frame, a slow peer closed. Every incident is counted by kind (the starter
 * exports the counts as {@code skynet.incidents{kind}}); its log line is written for the first
 * {@code burst} incidents of one kind and service in each window, then one summary line says how
 * many more there were, so a flood costs the log a bounded number of lines.
 *
 * <pre>{@code ctx.incidents().warn("gate.refused", ctx.self(), "gate: {} refused, maxclient {} reached", conn, max);}</pre>
 */
public final class IncidentLog {

    /** Lines logged per kind and service in one window before the rest are only counted. */
    public static final int DEFAULT_BURST = 10;
    /** How long a window lasts; its summary comes at the first incident or sweep after it. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(1);
    /** Windows kept at most; past that, new services share one window per kind. */
    static final int MAX_WINDOWS = 4096;

    private final Logger defaultLogger;
    private final int burst;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Map<Key, Window> windows = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<String>> kindListeners = new CopyOnWriteArrayList<>();

    public IncidentLog() {
        this(LoggerFactory.getLogger("skynet"), DEFAULT_BURST, DEFAULT_WINDOW, System::nanoTime);
    }

    public IncidentLog(Logger logger, int burst, Duration window, LongSupplier nanoClock) {
        if (burst < 0) {
            throw new IllegalArgumentException("burst must be at least 0, was " + burst);
        }
        if (window == null || window.toMillis() < 1) {
            throw new IllegalArgumentException("window must be at least 1 ms, was " + window);
        }
        this.defaultLogger = Objects.requireNonNull(logger, "logger");
        this.burst = burst;
        this.windowNanos = window.toNanos();
        this.clock = nanoClock;
    }

    /** Counts one {@code kind} incident of {@code service} and logs it at WARN unless this window's lines are spent. */
    public void warn(String kind, Address service, String format, Object... args) {
        log(defaultLogger, Level.WARN, kind, service, format, args);
    }

    /**
     * Counts one {@code kind} incident and logs {@code format} (SLF4J placeholders, a trailing
     * Throwable prints its stack) on {@code logger}, prefixed with the service's address.
     */
    public void log(Logger logger, Level level, String kind, Address service, String format, Object... args) {
        record(kind);
        Address who = service == null ? Address.NONE : service;
        Window w = window(kind, who);
        long now = clock.getAsLong();
        long more;
        boolean write;
        synchronized (w) {
            more = w.roll(now, windowNanos);
            write = w.logged < burst;
            if (write) {
                w.logged++;
            } else {
                w.suppressed++;
            }
        }
        if (more > 0) {
            summary(logger, level, kind, w.key.service, more);
        }
        if (write && logger.isEnabledForLevel(level)) {
            Object[] all = new Object[args.length + 1];
            all[0] = who;
            System.arraycopy(args, 0, all, 1, args.length);
            logger.makeLoggingEventBuilder(level).log("[{}] " + format, all);
        }
    }

    /** Counts one {@code kind} incident without a log line (one already said it, or it is expected). */
    public void record(String kind) {
        LongAdder c = counts.get(kind);
        if (c == null) {
            LongAdder made = new LongAdder();
            c = counts.putIfAbsent(kind, made);
            if (c == null) {
                c = made;
                for (Consumer<String> l : kindListeners) {
                    l.accept(kind);
                }
            }
        }
        c.increment();
    }

    /** Incidents of {@code kind} so far. */
    public long count(String kind) {
        LongAdder c = counts.get(kind);
        return c == null ? 0 : c.sum();
    }

    /** Every kind seen so far with its count, sorted by kind. */
    public Map<String, Long> counts() {
        Map<String, Long> all = new TreeMap<>();
        counts.forEach((k, v) -> all.put(k, v.sum()));
        return all;
    }

    /** Calls {@code listener} with every kind seen so far and then with each new kind as it first occurs. */
    public void onKind(Consumer<String> listener) {
        kindListeners.add(listener);
        counts.keySet().forEach(listener);
    }

    /** Writes the summary of every window that has ended with lines held back, and forgets ended windows. */
    public void sweep() {
        long now = clock.getAsLong();
        for (Window w : windows.values()) {
            long more;
            boolean ended;
            synchronized (w) {
                ended = now - w.start >= windowNanos;
                more = ended ? w.roll(now, windowNanos) : 0;
            }
            if (more > 0) {
                summary(defaultLogger, Level.WARN, w.key.kind, w.key.service, more);
            }
            if (ended) {
                windows.remove(w.key, w);
            }
        }
    }

    /** How long one window lasts. */
    public Duration window() {
        return Duration.ofNanos(windowNanos);
    }

    private Window window(String kind, Address service) {
        Key key = new Key(kind, service);
        Window w = windows.get(key);
        if (w != null) {
            return w;
        }
        if (windows.size() >= MAX_WINDOWS) {
            key = new Key(kind, Address.NONE);
        }
        return windows.computeIfAbsent(key, k -> new Window(k, clock.getAsLong()));
    }

    private void summary(Logger logger, Level level, String kind, Address service, long more) {
        logger.makeLoggingEventBuilder(level).log("[{}] {}: {} more in the last {} s, not logged (see skynet.incidents)",
                service, kind, more, Math.max(1, windowNanos / 1_000_000_000L));
    }

    private record Key(String kind, Address service) {
    }

    private static final class Window {
        final Key key;
        long start;
        int logged;
        long suppressed;

        Window(Key key, long start) {
            this.key = key;
            this.start = start;
        }

        /** Starts a new window if this one has ended; returns how many were held back in the one that ended. */
        long roll(long now, long length) {
            if (now - start < length) {
                return 0;
            }
            long held = suppressed;
            start = now;
            logged = 0;
            suppressed = 0;
            return held;
        }
    }
}
