package io.skynetspring.benchmarks.cluster;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every call of one workload, written by the callers from any thread: each call gets a unique id, and
 * each id may be answered once. A call ends exactly once, as {@code ok} (its own id and payload came
 * back), {@code mismatched} (another id or other bytes came back) or an error; a reply whose id was
 * answered before is a duplicate; what never ends is lost. The latency histogram and the window count
 * restart when the warm-up ends.
 */
final class CallBook {

    /** Ids one book can hand out: 64 Mi calls (an 8 MiB bit set), far above a run's worth. */
    static final int DEFAULT_CAPACITY = 1 << 26;
    private static final int MAX_ERROR_KINDS = 16;

    private final int capacity;
    private final AtomicLongArray answered;
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile long nextId;   // written under the book's lock
    private final LongAdder ended = new LongAdder();
    private final LongAdder ok = new LongAdder();
    private final LongAdder mismatched = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder late = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final Map<String, LongAdder> errorKinds = new ConcurrentHashMap<>();
    private final Recorder latencies = new Recorder(3);
    private volatile boolean calling = true;

    CallBook() {
        this(DEFAULT_CAPACITY);
    }

    CallBook(int capacity) {
        if (capacity < 64) {
            throw new IllegalArgumentException("capacity must be at least 64 ids, was " + capacity);
        }
        this.capacity = capacity;
        this.answered = new AtomicLongArray((capacity + 63) / 64);
    }

    /** Whether callers should go on making calls. */
    boolean calling() {
        return calling;
    }

    /** No call is issued after this; calls under way still end, and then {@link #drained()} completes. */
    void stopCalling() {
        synchronized (this) {
            calling = false;
        }
        checkDrained();
    }

    /** Completes once calling has stopped and every issued call has ended. */
    CompletableFuture<Void> drained() {
        return drained;
    }

    /** A new call's id, or -1 once calling has stopped or the book is full (which stops calling). */
    synchronized long issue() {
        if (!calling) {
            return -1;
        }
        if (nextId >= capacity) {
            calling = false;
            return -1;
        }
        return nextId++;
    }

    /** Call {@code callId} got a reply carrying {@code replyId}; {@code samePayload} says the echoed bytes matched. */
    void answered(long callId, long replyId, boolean samePayload, long latencyNanos) {
        latencies.recordValue(Math.max(0, latencyNanos));
        if (replyId == callId && samePayload) {
            ok.increment();
        } else {
            mismatched.increment();
        }
        mark(replyId);
        end();
    }

    /**
     * A reply that came after its call had already ended (timed out): not a call's end, but its id now
     * counts as answered. An id this book never handed out counts as mismatched.
     */
    void late(long replyId) {
        late.increment();
        if (replyId < 0 || replyId >= issued()) {
            mismatched.increment();
        }
        mark(replyId);
    }

    /** Call {@code callId} ended with {@code error} (a timeout, a dropped link, an error reply). */
    void failed(long callId, Throwable error) {
        errors.increment();
        String kind = error == null ? "null" : error.getClass().getSimpleName();
        if (errorKinds.size() < MAX_ERROR_KINDS || errorKinds.containsKey(kind)) {
            errorKinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        } else {
            errorKinds.computeIfAbsent("other", k -> new LongAdder()).increment();
        }
        end();
    }

    private void end() {
        ended.increment();
        checkDrained();
    }

    // Once calling has stopped nothing is issued any more, so outstanding only falls: whichever of the last
    // call's end and stopCalling comes second sees zero.
    private void checkDrained() {
        if (!calling && outstanding() == 0) {
            drained.complete(null);
        }
    }

    private void mark(long id) {
        if (id < 0 || id >= issued()) {
            return;   // an id this book never handed out: the caller counts it as mismatched
        }
        int word = (int) (id >>> 6);
        long bit = 1L << (id & 63);
        while (true) {
            long seen = answered.get(word);
            if ((seen & bit) != 0) {
                duplicates.increment();
                return;
            }
            if (answered.compareAndSet(word, seen, seen | bit)) {
                return;
            }
        }
    }

    /** Ends the warm-up: latencies recorded so far stay out of {@link #window()}. */
    void startWindow() {
        latencies.reset();
    }

    /** Latencies (nanoseconds) recorded since {@link #startWindow()} or the last call of this. */
    Histogram window() {
        return latencies.getIntervalHistogram();
    }

    long issued() {
        return nextId;
    }

    /** Calls that ended (ok, mismatched or failed). */
    long ended() {
        return ended.sum();
    }

    /** Calls issued and not ended yet: in flight now, or lost once the callers have stopped and drained. */
    long outstanding() {
        return issued() - ended();
    }

    long ok() {
        return ok.sum();
    }

    long mismatched() {
        return mismatched.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }

    long late() {
        return late.sum();
    }

    long errors() {
        return errors.sum();
    }

    /** Errors by exception class, sorted. */
    Map<String, Long> errorKinds() {
        Map<String, Long> out = new TreeMap<>();
        errorKinds.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }
}
