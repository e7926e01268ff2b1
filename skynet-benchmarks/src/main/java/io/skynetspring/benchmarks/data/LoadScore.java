package io.skynetspring.benchmarks.data;

/**
 * What one load round measured: completed calls per second and latency percentiles in µs.
 *
 * <pre>{@code System.out.println(score.row());}</pre>
 */
record LoadScore(String name, long calls, long errors, double seconds, long p50Micros, long p99Micros, long maxMicros) {

    double perSecond() {
        return calls / seconds;
    }

    String row() {
        return String.format("| %-34s | %,10.0f | %,8d | %,8d | %,8d | %,6d |",
                name, perSecond(), p50Micros, p99Micros, maxMicros, errors);
    }

    static String header() {
        return "| path                               |    calls/s | p50 (µs) | p99 (µs) | max (µs) | errors |\n"
                + "| ---------------------------------- | ---------: | -------: | -------: | -------: | -----: |";
    }

    /** Two rounds of the same path as one score: calls and errors add up, latencies from the merged samples. */
    static LoadScore of(String name, long errors, double seconds, long[] sortedNanos) {
        int n = sortedNanos.length;
        return new LoadScore(name, n, errors, seconds, at(sortedNanos, 0.50), at(sortedNanos, 0.99),
                n == 0 ? 0 : sortedNanos[n - 1] / 1000);
    }

    private static long at(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1000;
    }
}
