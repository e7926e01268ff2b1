package io.skynetspring.core.service;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * skynet's monitor thread: looks at every worker a few times per threshold and warns once about a
 * message still running past it ("maybe in an endless loop"). The message is not interrupted, as
 * in skynet; the warning is counted per template and node-wide, and the end of that message is
 * logged with its total time (by the worker, or by this thread if the worker finished first).
 */
final class EndlessMonitor {

    private static final long MAX_TICK_NANOS = 1_000_000_000L;
    private static final long MIN_TICK_NANOS = 10_000_000L;

    private final MessageWatch[] watches;
    private final long thresholdNanos;
    private final long tickNanos;
    private final Logger log;
    /** Profiling: message start times are exact, not this thread's first sighting. */
    private final boolean exact;
    private final long[] seenVersion;
    private final long[] seenAt;
    private final boolean[] reported;
    private final AtomicLong count = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopped;

    EndlessMonitor(String name, MessageWatch[] watches, Duration threshold, boolean exact, Logger log) {
        this.exact = exact;
        this.watches = watches;
        this.thresholdNanos = threshold.toNanos();
        this.tickNanos = Math.max(MIN_TICK_NANOS, Math.min(MAX_TICK_NANOS, thresholdNanos / 4));
        this.log = log;
        this.seenVersion = new long[watches.length];
        this.seenAt = new long[watches.length];
        this.reported = new boolean[watches.length];
        Arrays.fill(seenVersion, -1);
        this.thread = new Thread(this::loop, name + "-monitor");
        thread.setDaemon(true);
        thread.start();
    }

    /** Messages that ran past the threshold since the node started. */
    long count() {
        return count.get();
    }

    Duration threshold() {
        return Duration.ofNanos(thresholdNanos);
    }

    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private void loop() {
        while (!stopped) {
            LockSupport.parkNanos(this, tickNanos);
            try {
                check(System.nanoTime());
            } catch (RuntimeException e) {
                log.warn("skynet monitor: check failed: {}", e.toString(), e);
            }
        }
    }

    private void check(long now) {
        for (int i = 0; i < watches.length; i++) {
            MessageWatch w = watches[i];
            Sighting s = Sighting.of(w);
            long v = s == null ? -1 : s.version;
            if (v == -1 || v != seenVersion[i]) {
                if (reported[i]) {
                    finishedUnseen(w, seenVersion[i], now);
                }
                reported[i] = false;
                seenVersion[i] = v;
                seenAt[i] = now;
                continue;
            }
            long start = s.startNanos != 0 ? s.startNanos : seenAt[i];
            long elapsed = now - start;
            if (!reported[i] && elapsed >= thresholdNanos) {
                reported[i] = true;
                report(w, s, elapsed, start);
            }
        }
    }

    private void report(MessageWatch w, Sighting s, long elapsed, long start) {
        count.incrementAndGet();
        s.cell.stats.endless.increment();
        s.cell.endless = true;
        log.error("[{}] A message from [ {} ] to [ {} ] maybe in an endless loop (version = {}): {} on {}, "
                        + "running for {} ms", s.cell.address, s.message.sourceAddress(), s.cell.address, s.version,
                describe(s.message), w.worker, elapsed / 1_000_000);
        w.flag(s.version, start);
    }

    /** The worker moved on before it saw our flag: the "finished" line is ours to write, with our estimate. */
    private void finishedUnseen(MessageWatch w, long version, long now) {
        if (w.takeFlag(version)) {
            log.warn("[{}] the message of version {} that was maybe in an endless loop finished after about {} ms",
                    w.worker, version, (now - w.flaggedStartNanos) / 1_000_000);
        }
    }

    /** Called by the worker after message {@code v} if the monitor had flagged it. */
    void finished(MessageWatch w, ServiceCell cell, Message m, long v) {
        long total = (System.nanoTime() - w.flaggedStartNanos) / 1_000_000;
        log.warn("[{}] the message from [ {} ] to [ {} ] that was maybe in an endless loop (version = {}) "
                        + "finished after {}{} ms: {}", cell.address, m.sourceAddress(), cell.address, v,
                exact ? "" : "about ", total, describe(m));
    }

    /** What a worker is inside now, for health checks and the console. */
    List<RunningMessage> running() {
        long now = System.nanoTime();
        List<RunningMessage> out = new ArrayList<>();
        for (int i = 0; i < watches.length; i++) {
            MessageWatch w = watches[i];
            Sighting s = Sighting.of(w);
            if (s == null) {
                continue;
            }
            long start = s.startNanos;
            if (start == 0) {
                // read without synchronisation: an estimate at most one tick off is all health needs
                start = seenVersion[i] == s.version ? seenAt[i] : now;
            }
            out.add(new RunningMessage(w.worker, s.message.sourceAddress(), s.cell.address, s.cell.templateName,
                    describe(s.message), Duration.ofNanos(Math.max(0, now - start)), s.version));
        }
        return out;
    }

    static String describe(Message m) {
        return switch (m.kind) {
            case Message.REQUEST -> "'" + m.command + "'";
            case Message.DEBUG -> "debug '" + m.command + "'";
            default -> "(" + MessageKind.of(MessageKind.indexOf(m)).tag() + ")";
        };
    }

    /** A consistent read of one watch: the version did not move while the fields were read. */
    private record Sighting(long version, Message message, ServiceCell cell, long startNanos) {

        static Sighting of(MessageWatch w) {
            long v = w.version();
            Message m = w.message();
            ServiceCell c = w.cell();
            long start = w.startNanos();
            if (m == null || c == null || w.version() != v) {
                return null;
            }
            return new Sighting(v, m, c, start);
        }
    }
}
