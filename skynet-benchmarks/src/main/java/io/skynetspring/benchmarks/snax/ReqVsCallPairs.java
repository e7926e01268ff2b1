package io.skynetspring.benchmarks.snax;

import java.util.Arrays;
import java.util.Locale;

/**
 * {@link SnaxBenchmark}'s from-a-service pair measured in alternation, for a machine whose load moves
 * more than the difference: rounds of {@code calls} requests alternate between {@code call} and
 * {@code req} (each goes first in every other pair), so both see the same load. Prints the median
 * ns per request of each and the median of the per-pair ratios req / call, with its quartiles.
 *
 * <pre>{@code java -cp benchmarks.jar io.skynetspring.benchmarks.snax.ReqVsCallPairs [pairs] [calls]}</pre>
 */
public final class ReqVsCallPairs {

    /** Median ns per request of each path, and the quartiles of the per-pair ratio req / call. */
    public record Result(int pairs, double callNanos, double reqNanos, double ratioP25, double ratioMedian,
                         double ratioP75) {

        public String line() {
            return String.format(Locale.ROOT, "RESULT pairs=%d call-ns/op=%.0f req-ns/op=%.0f req/call p25=%.3f "
                    + "median=%.3f p75=%.3f", pairs, callNanos, reqNanos, ratioP25, ratioMedian, ratioP75);
        }
    }

    private ReqVsCallPairs() {
    }

    public static void main(String[] args) {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        System.out.println(run(pairs, calls, pairs / 2).line());
    }

    /** {@code warmup} pairs unmeasured, then {@code pairs} measured pairs of rounds of {@code calls} requests. */
    public static Result run(int pairs, int calls, int warmup) {
        try (SnaxWork work = new SnaxWork()) {
            for (int i = 0; i < warmup; i++) {
                work.callsFromService(calls);
                work.reqsFromService(calls);
            }
            double[] call = new double[pairs];
            double[] req = new double[pairs];
            double[] ratio = new double[pairs];
            for (int i = 0; i < pairs; i++) {
                if (i % 2 == 0) {
                    call[i] = timed(() -> work.callsFromService(calls), calls);
                    req[i] = timed(() -> work.reqsFromService(calls), calls);
                } else {
                    req[i] = timed(() -> work.reqsFromService(calls), calls);
                    call[i] = timed(() -> work.callsFromService(calls), calls);
                }
                ratio[i] = req[i] / call[i];
            }
            Arrays.sort(call);
            Arrays.sort(req);
            Arrays.sort(ratio);
            return new Result(pairs, at(call, 0.5), at(req, 0.5), at(ratio, 0.25), at(ratio, 0.5), at(ratio, 0.75));
        }
    }

    private static double timed(Runnable round, int calls) {
        long start = System.nanoTime();
        round.run();
        return (System.nanoTime() - start) / (double) calls;
    }

    private static double at(double[] sorted, double q) {
        return sorted[Math.min(sorted.length - 1, (int) (q * sorted.length))];
    }
}
