package io.skynetspring.core.service;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One worker's half of skynet's monitor: which message it is inside and a version bumped per
 * message. The worker only writes (a reference and a counter per message, release stores that are
 * plain moves on x86); the {@link EndlessMonitor} reads from its own thread and compares versions
 * between its checks.
 */
final class MessageWatch {

    private static final VarHandle VERSION;
    private static final VarHandle MESSAGE;
    private static final VarHandle FLAGGED;
    private static final VarHandle CELL;
    private static final VarHandle START;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            VERSION = l.findVarHandle(MessageWatch.class, "version", long.class);
            MESSAGE = l.findVarHandle(MessageWatch.class, "message", Message.class);
            FLAGGED = l.findVarHandle(MessageWatch.class, "flagged", long.class);
            CELL = l.findVarHandle(MessageWatch.class, "cell", ServiceCell.class);
            START = l.findVarHandle(MessageWatch.class, "startNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String worker;
    @SuppressWarnings("unused") // through VERSION; written by the worker only
    private long version;
    @SuppressWarnings("unused") // through MESSAGE
    private Message message;
    /** The service being drained; written once per drain. */
    @SuppressWarnings("unused") // through CELL
    private ServiceCell cell;
    /** When the current message started, while profiling; 0 otherwise. */
    @SuppressWarnings("unused") // through START
    private long startNanos;
    /** The version the monitor reported as too long and nobody has yet reported finished; -1 for none. */
    @SuppressWarnings("unused") // through FLAGGED
    private volatile long flagged = -1;
    /** When the flagged message started, as well as the monitor knows. */
    volatile long flaggedStartNanos;

    /** The service whose address the worker's MDC holds; the worker's own. */
    ServiceCell mdcCell;
    /** The service being drained, for the worker's own reads; null between drains. */
    ServiceCell draining;
    /** The clock at the end of the worker's last drain, while the worker has not idled since; else 0. */
    private long lastClock;

    private static final int KINDS = MessageKind.values().length;
    private static final VarHandle COUNT = MethodHandles.arrayElementVarHandle(long[].class);
    /**
     * Messages this worker handled, by template id and kind: written by the worker alone (a plain
     * add, where a shared counter would take a locked one), summed over workers by readers.
     */
    private volatile long[] handled = new long[8 * KINDS];

    MessageWatch(String worker) {
        this.worker = worker;
    }

    // ---- the worker -------------------------------------------------------------------------

    void draining(ServiceCell c) {
        draining = c;
        CELL.setRelease(this, c);
    }

    /** Where a profiled drain starts: where the last one ended, unless the worker idled since. */
    long clock() {
        long c = lastClock;
        return c != 0 ? c : System.nanoTime();
    }

    void clockAt(long end) {
        lastClock = end;
    }

    /** The worker found nothing to do: the next drain reads the clock afresh. */
    void idle() {
        lastClock = 0;
    }

    /** Before handling {@code m}; {@code start} is 0 unless profiling. */
    long enter(Message m, long start) {
        long v = (long) VERSION.get(this) + 1;
        MESSAGE.setRelease(this, m);
        if (start != 0) {
            START.setRelease(this, start);
        }
        VERSION.setRelease(this, v);
        return v;
    }

    /** Counts one message of template {@code template} and kind {@code kind}. */
    void count(int template, int kind) {
        int i = template * KINDS + kind;
        long[] c = handled;
        if (i >= c.length) {
            c = Arrays.copyOf(c, Math.max(c.length * 2, (template + 1) * KINDS));
            handled = c;
        }
        COUNT.setOpaque(c, i, (long) COUNT.getOpaque(c, i) + 1);
    }

    /** Any thread: what this worker counted for {@code template} and {@code kind}. */
    long counted(int template, int kind) {
        int i = template * KINDS + kind;
        long[] c = handled;
        return i < c.length ? (long) COUNT.getOpaque(c, i) : 0;
    }

    /** After a drain: the worker is between messages. */
    void leave() {
        draining = null;
        MESSAGE.setRelease(this, null);
    }

    /** Whether message {@code v} was reported too long; if so, this caller now owns the "finished" log. */
    boolean takeFlag(long v) {
        return (long) FLAGGED.getOpaque(this) == v && FLAGGED.compareAndSet(this, v, -1L);
    }

    // ---- the monitor ------------------------------------------------------------------------

    long version() {
        return (long) VERSION.getAcquire(this);
    }

    Message message() {
        return (Message) MESSAGE.getAcquire(this);
    }

    ServiceCell cell() {
        return (ServiceCell) CELL.getAcquire(this);
    }

    long startNanos() {
        return (long) START.getAcquire(this);
    }

    void flag(long v, long start) {
        flaggedStartNanos = start;
        FLAGGED.setRelease(this, v);
    }
}
