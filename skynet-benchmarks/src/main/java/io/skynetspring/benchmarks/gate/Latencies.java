package io.skynetspring.benchmarks.gate;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Round-trip times with 1 µs resolution up to 100 ms (one bucket beyond), recorded from any
 * event-loop thread; percentiles by a scan. Enough for p50/p99/p999 of an echo load.
 */
final class Latencies {

    private static final int LIMIT_MICROS = 100_000;
    private final AtomicLongArray buckets = new AtomicLongArray(LIMIT_MICROS + 1);

    void record(long nanos) {
        long micros = Math.max(0, nanos / 1000);
        buckets.incrementAndGet((int) Math.min(micros, LIMIT_MICROS));
    }

    long count() {
        long n = 0;
        for (int i = 0; i < buckets.length(); i++) {
            n += buckets.get(i);
        }
        return n;
    }

    /** The latency (µs) at fraction {@code q} of the recorded ones; {@code LIMIT} means "100 ms or more". */
    long percentileMicros(double q) {
        long total = count();
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return i;
            }
        }
        return LIMIT_MICROS;
    }

    void reset() {
        for (int i = 0; i < buckets.length(); i++) {
            buckets.set(i, 0);
        }
    }
}
