package io.skynetspring.core.service;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Handler time of one command of one template, counted only while profiling is on. Several
 * instances of a template run on different workers at once, hence the adders.
 *
 * <pre>{@code command.count() + " in " + command.totalNanos() + " ns"}</pre>
 */
public final class CommandStats {

    private final String command;
    private final LongAdder count = new LongAdder();
    private final LongAdder totalNanos = new LongAdder();
    private final AtomicLong maxNanos = new AtomicLong();

    CommandStats(String command) {
        this.command = command;
    }

    /** The command name, or {@link TemplateStats#OTHER} for commands past the template's limit. */
    public String command() {
        return command;
    }

    public long count() {
        return count.sum();
    }

    public long totalNanos() {
        return totalNanos.sum();
    }

    public long maxNanos() {
        return maxNanos.get();
    }

    /** {@code n} messages in a row, {@code nanos} in all, the longest {@code max}. */
    void record(int n, long nanos, long max) {
        count.add(n);
        totalNanos.add(nanos);
        long top = maxNanos.get();
        // past the first few messages a new maximum is rare, so this is one read
        while (max > top && !maxNanos.compareAndSet(top, max)) {
            top = maxNanos.get();
        }
    }
}
