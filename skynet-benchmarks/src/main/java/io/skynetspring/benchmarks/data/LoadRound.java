package io.skynetspring.benchmarks.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Closed-loop load: {@code callers} platform threads, each making one blocking call after another on
 * a random key of {@code keys} for {@code duration}, every latency kept. Both paths of a comparison
 * run through this same loop, so only what is behind {@code call} differs.
 *
 * <pre>{@code long[] nanos = LoadRound.run(64, 1000, Duration.ofSeconds(10), id -> store.find(id), errors);}</pre>
 */
final class LoadRound {

    private LoadRound() {
    }

    /** The latencies of the completed calls, in ns; failed calls are counted in {@code errors}. */
    static long[] run(int callers, int keys, Duration duration, IntFunction<Object> call, AtomicLong errors)
            throws InterruptedException {
        List<long[]> perCaller = new ArrayList<>();
        int[] counts = new int[callers];
        CountDownLatch done = new CountDownLatch(callers);
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < callers; c++) {
            int me = c;
            long[][] samples = {new long[4096]};
            perCaller.add(null);
            Thread t = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int n = 0;
                try {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                            call.apply(1 + random.nextInt(keys));
                        } catch (RuntimeException e) {
                            errors.incrementAndGet();
                            continue;
                        }
                        if (n == samples[0].length) {
                            samples[0] = Arrays.copyOf(samples[0], n * 2);
                        }
                        samples[0][n++] = System.nanoTime() - t0;
                    }
                } finally {
                    counts[me] = n;
                    synchronized (perCaller) {
                        perCaller.set(me, samples[0]);
                    }
                    done.countDown();
                }
            }, "load-" + c);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        done.await();
        int total = 0;
        for (int c : counts) {
            total += c;
        }
        long[] all = new long[total];
        int at = 0;
        synchronized (perCaller) {
            for (int c = 0; c < callers; c++) {
                System.arraycopy(perCaller.get(c), 0, all, at, counts[c]);
                at += counts[c];
            }
        }
        return all;
    }
}
