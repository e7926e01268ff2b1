package io.skynetspring.benchmarks.cluster;

import io.skynetspring.benchmarks.runtime.report.Machine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns the {@code RESULT} lines of {@code cluster-load.sh} into the markdown table of
 * {@code results/<date>-cluster-*.md}, with the targets of issue #14 checked.
 * {@code main <result lines> <out.md> [note]}.
 */
public final class ClusterReport {

    /** Real skynet's {@code cluster.call} between two nodes on the 2-core VM: 10–11.5 k sequential calls/s. */
    static final double SKYNET_SEQUENTIAL_LOW = 10_000;
    static final double SKYNET_SEQUENTIAL_HIGH = 11_500;

    private ClusterReport() {
    }

    /** One {@code RESULT} line as its key=value fields. */
    static Map<String, String> fields(String line) {
        Map<String, String> out = new HashMap<>();
        for (String part : line.trim().split(" ")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return out;
    }

    static String render(List<String> lines, Machine machine, String note) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        for (String line : lines) {
            if (line.startsWith("RESULT ")) {
                Map<String, String> f = fields(line);
                rows.put(f.get("contender") + "." + f.get("workload"), f);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append("# Cluster calls between two JVMs, ").append(LocalDate.now()).append("\n\n");
        md.append("- machine: ").append(machine.cores()).append(" cores (nproc), ").append(machine.memory())
                .append(", ").append(machine.cpu()).append('\n');
        md.append("- JDK: ").append(machine.jdk()).append('\n');
        if (!note.isBlank()) {
            md.append("- ").append(note).append('\n');
        }
        md.append("- skynet-spring: core runtime + `Cluster` on both sides, `cluster.call` from a caller service to"
                + " `@echo`; Pekko 1.7.0 typed, Artery TCP, messages in Jackson CBOR, `context.ask` to `/user/echo`"
                + " (1 MiB: large-message stream); ratios are skynet-spring's figure over Pekko's\n\n");

        md.append("| workload | skynet-spring | Pekko Artery | ÷ Pekko |\n|---|---:|---:|---:|\n");
        row(md, rows, "sequential calls/s (1 caller)", "sequential", f -> num(f, "calls_per_s"), true);
        row(md, rows, "sequential p50 / p99 (ms)", "sequential", ClusterReport::p50p99, false);
        row(md, rows, "pipelined calls/s (64 in flight)", "pipelined", f -> num(f, "calls_per_s"), true);
        row(md, rows, "pipelined p50 / p99 (ms)", "pipelined", ClusterReport::p50p99, false);
        row(md, rows, "1 MiB round trip p50 (ms)", "big", f -> String.format(Locale.ROOT, "%.2f",
                Double.parseDouble(f.get("p50_us")) / 1e3), false);
        row(md, rows, "1 MiB round trips: MB/s (both ways)", "big", f -> String.format(Locale.ROOT, "%.1f",
                Double.parseDouble(f.get("mb_per_s"))), true);
        for (String w : List.of("sequential", "pipelined", "big")) {
            row(md, rows, w + ": calls issued / served / lost / answered twice / failed or wrong", w,
                    ClusterReport::ledger, false);
        }

        md.append("\nTargets (issue #14):\n\n");
        Map<String, String> seq = rows.get("skynet.sequential");
        Map<String, String> pekkoSeq = rows.get("pekko.sequential");
        Map<String, String> pipe = rows.get("skynet.pipelined");
        if (seq != null) {
            double s = Double.parseDouble(seq.get("calls_per_s"));
            md.append(String.format(Locale.ROOT, "- sequential ≥ real skynet's 10–11.5 k calls/s: %.0f, %s%n", s,
                    s >= SKYNET_SEQUENTIAL_HIGH ? "met" : s >= SKYNET_SEQUENTIAL_LOW ? "within skynet's range"
                            : "missed"));
            if (pekkoSeq != null) {
                double ratio = s / Double.parseDouble(pekkoSeq.get("calls_per_s"));
                md.append(String.format(Locale.ROOT, "- sequential ≥ 1.5 × Pekko: %.2f ×, %s%n", ratio,
                        ratio >= 1.5 ? "met" : "missed"));
            }
        }
        if (pipe != null) {
            double rate = Double.parseDouble(pipe.get("calls_per_s"));
            double p99 = Double.parseDouble(pipe.get("p99_us")) / 1e3;
            md.append(String.format(Locale.ROOT, "- pipelined ≥ 100 k calls/s with p99 < 5 ms: %.0f calls/s, p99 %.2f"
                    + " ms, %s%n", rate, p99, rate >= 100_000 && p99 < 5 ? "met" : "missed"));
        }
        List<Map<String, String>> skynetRows = rows.entrySet().stream().filter(e -> e.getKey().startsWith("skynet."))
                .map(Map.Entry::getValue).toList();
        if (!skynetRows.isEmpty()) {
            boolean clean = skynetRows.stream().allMatch(f -> "true".equals(f.get("clean")));
            md.append("- nothing lost or answered twice (skynet-spring): ").append(clean ? "met" : "missed")
                    .append('\n');
        }

        md.append("\n```\n");
        lines.stream().filter(l -> l.startsWith("RESULT ")).forEach(l -> md.append(l).append('\n'));
        md.append("```\n");
        return md.toString();
    }

    private static void row(StringBuilder md, Map<String, Map<String, String>> rows, String title, String workload,
                            Function<Map<String, String>, String> cell, boolean ratio) {
        Map<String, String> skynet = rows.get("skynet." + workload);
        Map<String, String> pekko = rows.get("pekko." + workload);
        md.append("| ").append(title).append(" | ").append(skynet == null ? "n/a" : cell.apply(skynet)).append(" | ")
                .append(pekko == null ? "n/a" : cell.apply(pekko)).append(" | ");
        if (ratio && skynet != null && pekko != null) {
            double a = Double.parseDouble(cell.apply(skynet).replace(",", ""));
            double b = Double.parseDouble(cell.apply(pekko).replace(",", ""));
            md.append(b == 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b));
        }
        md.append(" |\n");
    }

    private static String num(Map<String, String> f, String key) {
        return String.format(Locale.ROOT, "%,.0f", Double.parseDouble(f.get(key)));
    }

    private static String p50p99(Map<String, String> f) {
        return String.format(Locale.ROOT, "%.3f / %.3f", Double.parseDouble(f.get("p50_us")) / 1e3,
                Double.parseDouble(f.get("p99_us")) / 1e3);
    }

    private static String ledger(Map<String, String> f) {
        long twice = Long.parseLong(f.get("duplicates")) + Long.parseLong(f.get("late"));
        return String.format(Locale.ROOT, "%s / %s / %s / %d / %s", f.get("issued"), f.get("served"), f.get("lost"),
                twice, Long.parseLong(f.get("errors")) + Long.parseLong(f.get("mismatched")));
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: ClusterReport <result lines> <out.md> [note]");
        }
        List<String> lines = Files.readAllLines(Path.of(args[0]));
        Files.writeString(Path.of(args[1]), render(lines, Machine.here(), args.length > 2 ? args[2] : ""));
    }
}
