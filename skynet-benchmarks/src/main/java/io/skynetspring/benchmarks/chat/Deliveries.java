package io.skynetspring.benchmarks.chat;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What every client of one {@link ChatLoad} run saw, written from any event-loop thread. Totals count the
 * whole run (so nothing sent can go missing unnoticed); the window counts and the latency histogram
 * restart when the warm-up ends.
 */
final class Deliveries {

    private final Recorder latencies = new Recorder(3);
    private final LongAdder linesInWindow = new LongAdder();
    private final LongAdder expectedTotal = new LongAdder();
    private final LongAdder deliveredTotal = new LongAdder();
    private final LongAdder deliveredInWindow = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder outboxFull = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

    /** A line said in a room of {@code members}: that many deliveries are owed. */
    void sent(long members) {
        expectedTotal.add(members);
        linesInWindow.increment();
    }

    void delivered(long latencyNanos) {
        deliveredTotal.increment();
        deliveredInWindow.increment();
        latencies.recordValue(Math.max(0, latencyNanos));
    }

    /** A {@code message} whose room sequence number skipped {@code missing} lines this client never got. */
    void gap(long missing) {
        gaps.add(missing);
    }

    void error(String code) {
        errors.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    /** The server closed a connection while the run still needed it. */
    void closed() {
        closed.increment();
    }

    /** A line the generator could not queue on its own connection (its bounded outbox was full). */
    void outboxFull() {
        outboxFull.increment();
    }

    /** Ends the warm-up: what was counted and recorded so far stays out of the window. */
    void startWindow() {
        latencies.reset();
        linesInWindow.reset();
        deliveredInWindow.reset();
    }

    /** The latencies recorded since {@link #startWindow()}, in nanoseconds. */
    Histogram window() {
        return latencies.getIntervalHistogram();
    }

    long linesInWindow() {
        return linesInWindow.sum();
    }

    long deliveredInWindow() {
        return deliveredInWindow.sum();
    }

    long expectedTotal() {
        return expectedTotal.sum();
    }

    long deliveredTotal() {
        return deliveredTotal.sum();
    }

    long gaps() {
        return gaps.sum();
    }

    long closedCount() {
        return closed.sum();
    }

    long outboxFullCount() {
        return outboxFull.sum();
    }

    /** Error frames by code, sorted, e.g. {@code {rate-limited=3}}. */
    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }
}
