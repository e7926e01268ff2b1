package io.skynetspring.benchmarks.runtime.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a JMH JSON result file and the spawn benchmark's TSV into the Markdown page kept under
 * {@code skynet-benchmarks/results/}. Plain Java so a user with only a JDK can make the table.
 *
 * <pre>{@code java -cp benchmarks.jar io.skynetspring.benchmarks.runtime.report.ResultsTable jmh.json spawn.tsv out.md "load note"}</pre>
 */
public final class ResultsTable {

    private static final String[] RUNTIMES = {"Skynet", "Pekko", "Vertx", "Mpsc"};
    private static final Map<String, String> TITLES = Map.of(
            "Skynet", "skynet-spring", "Pekko", "Pekko typed", "Vertx", "Vert.x event bus", "Mpsc", "MPSC queue");
    private static final Map<String, String> WORKLOADS = new LinkedHashMap<>();

    static {
        WORKLOADS.put("oneWay", "one-way send (msg/s)");
        WORKLOADS.put("callFromOutside", "call from outside (calls/s)");
        WORKLOADS.put("callFromService", "call from a service (calls/s)");
        WORKLOADS.put("fanOut", "fan-out 1,000 × 1,000 (msg/s)");
        WORKLOADS.put("pingPong", "ping-pong (msg/s)");
    }

    private ResultsTable() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: ResultsTable jmh.json spawn.tsv out.md [note]");
            System.exit(2);
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (JsonNode result : new ObjectMapper().readTree(Path.of(args[0]).toFile())) {
            Score s = Score.of(result);
            scores.put(s.runtime() + "." + s.workload(), s);
        }
        List<String[]> spawn = new ArrayList<>();
        Path tsv = Path.of(args[1]);
        if (Files.exists(tsv)) {
            for (String line : Files.readAllLines(tsv)) {
                if (!line.isBlank()) {
                    spawn.add(line.split("\t"));
                }
            }
        }
        String note = args.length > 3 ? args[3] : "";
        Files.writeString(Path.of(args[2]), render(scores, spawn, Machine.here(), note));
    }

    static String render(Map<String, Score> scores, List<String[]> spawn, Machine machine, String note) {
        StringBuilder md = new StringBuilder();
        md.append("# Runtime benchmarks, ").append(LocalDate.now()).append("\n\n");
        md.append("- machine: ").append(machine.cores()).append(" cores (nproc), ").append(machine.memory())
                .append(", ").append(machine.cpu()).append('\n');
        md.append("- JDK: ").append(machine.jdk()).append('\n');
        if (!note.isBlank()) {
            md.append("- ").append(note).append('\n');
        }
        md.append("- JMH throughput, score ± 99.9% error; B/op is `gc.alloc.rate.norm` per message or call;"
                + " ratios are skynet-spring's score over the other's (above 1: skynet-spring is faster)\n\n");

        md.append("| workload |");
        for (String r : RUNTIMES) {
            md.append(' ').append(TITLES.get(r)).append(" |");
        }
        md.append(" ÷ Pekko | ÷ Vert.x | ÷ MPSC |\n|---|");
        md.append("---:|".repeat(RUNTIMES.length + 3)).append('\n');
        for (Map.Entry<String, String> w : WORKLOADS.entrySet()) {
            md.append("| ").append(w.getValue()).append(" |");
            for (String r : RUNTIMES) {
                Score s = scores.get(r + "." + w.getKey());
                md.append(' ').append(s == null ? "n/a" : s.throughput()).append(" |");
            }
            Score skynet = scores.get("Skynet." + w.getKey());
            for (String r : new String[] {"Pekko", "Vertx", "Mpsc"}) {
                md.append(' ').append(ratio(skynet, scores.get(r + "." + w.getKey()))).append(" |");
            }
            md.append('\n');
        }

        md.append("\nAllocated bytes per message or call (B/op):\n\n| workload |");
        for (String r : RUNTIMES) {
            md.append(' ').append(TITLES.get(r)).append(" |");
        }
        md.append("\n|---|").append("---:|".repeat(RUNTIMES.length)).append('\n');
        for (Map.Entry<String, String> w : WORKLOADS.entrySet()) {
            md.append("| ").append(w.getValue().replaceAll(" \\(.*\\)", "")).append(" |");
            for (String r : RUNTIMES) {
                Score s = scores.get(r + "." + w.getKey());
                md.append(' ').append(s == null ? "n/a" : s.allocation()).append(" |");
            }
            md.append('\n');
        }

        if (!spawn.isEmpty()) {
            md.append("\nSpawn and footprint (own JVM each, -Xmx8g; N services created and each sent one message):\n\n");
            md.append("| runtime | N | seconds | created/s | retained heap per idle service |\n|---|---:|---:|---:|---:|\n");
            for (String[] row : spawn) {
                md.append(String.format(Locale.ROOT, "| %s | %,d | %s | %s | %s B |%n",
                        row[0], Long.parseLong(row[1]), row[2], Score.human(Double.parseDouble(row[3])), row[4]));
            }
        }
        return md.toString();
    }

    private static String ratio(Score skynet, Score other) {
        if (skynet == null || other == null || other.opsPerSecond() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.2f", skynet.opsPerSecond() / other.opsPerSecond());
    }
}
