package io.skynetspring.benchmarks.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Locale;

/**
 * One JMH result: ops/s with its 99.9% error, and bytes allocated per op ({@code -prof gc}'s
 * {@code gc.alloc.rate.norm}, already per message because of {@code @OperationsPerInvocation}).
 */
record Score(String runtime, String workload, double opsPerSecond, double error, double bytesPerOp) {

    /** Reads one element of JMH's {@code -rf json} array; the runtime is the class name before "Benchmark". */
    static Score of(JsonNode result) {
        String benchmark = result.path("benchmark").asText();
        String[] parts = benchmark.split("\\.");
        String runtime = parts[parts.length - 2].replace("Benchmark", "");
        String workload = parts[parts.length - 1];
        JsonNode primary = result.path("primaryMetric");
        double error = primary.path("scoreError").asDouble(Double.NaN);
        JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score");
        return new Score(runtime, workload, primary.path("score").asDouble(),
                error, alloc.isMissingNode() ? Double.NaN : alloc.asDouble());
    }

    String throughput() {
        return Double.isNaN(error) ? human(opsPerSecond) : human(opsPerSecond) + " ± " + human(error);
    }

    String allocation() {
        return Double.isNaN(bytesPerOp) ? "–" : String.format(Locale.ROOT, "%.0f", bytesPerOp);
    }

    /** 12.3 M, 456 k: the digits that matter, since the error is rarely below 1%. */
    static String human(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2f M", v / 1e6);
        }
        if (v >= 1e3) {
            return String.format(Locale.ROOT, "%.1f k", v / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", v);
    }
}
