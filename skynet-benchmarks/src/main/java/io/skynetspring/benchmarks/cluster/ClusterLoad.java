package io.skynetspring.benchmarks.cluster;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Cluster calls between two JVMs over loopback, for one contender: its client runtime here, its echo
 * node ({@link SkynetEchoNode} or {@link PekkoEchoNode}) at 127.0.0.1:port. Three workloads, each with
 * a warm-up left out of the figures:
 * <ul>
 *   <li>{@code sequential}: one caller, call → wait → call, a 16-byte string and a unique id per call;</li>
 *   <li>{@code pipelined}: 64 such callers at once, so 64 calls are in flight at all times;</li>
 *   <li>{@code big}: one caller, a 1 MiB request echoed as a 1 MiB reply.</li>
 * </ul>
 * After the window the callers stop and every call under way is awaited; then each issued call must have
 * ended once with its own id and bytes, and the echo must have served exactly as many requests.
 *
 * <p>{@code main --contender skynet|pekko --port P [--seconds 15] [--warmup 5] [--big-seconds 10]
 * [--pipeline 64] [--big-bytes 1048576] [--workloads sequential,pipelined,big]}; prints one
 * {@code RESULT} line per workload.
 */
public final class ClusterLoad {

    /** How long the callers may take to finish their calls under way once told to stop: above both deadlines. */
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(15);

    /** Run settings. */
    public record Settings(String contender, int port, Duration warmup, Duration duration, Duration bigDuration,
                           int pipeline, int bigBytes, List<String> workloads) {

        public Settings {
            if (!contender.equals("skynet") && !contender.equals("pekko")) {
                throw new IllegalArgumentException("contender must be skynet or pekko, was " + contender);
            }
            if (pipeline < 1) {
                throw new IllegalArgumentException("pipeline must be at least 1 caller, was " + pipeline);
            }
            for (String w : workloads) {
                if (!List.of("sequential", "pipelined", "big").contains(w)) {
                    throw new IllegalArgumentException("unknown workload " + w + "; known: sequential, pipelined, big");
                }
            }
            workloads = List.copyOf(workloads);
        }

        /** The run: 5 s warm-up, 15 s measured (10 s for the 1 MiB round trips), 64 in flight. */
        public static Settings standard(String contender, int port) {
            return new Settings(contender, port, Duration.ofSeconds(5), Duration.ofSeconds(15),
                    Duration.ofSeconds(10), 64, 1 << 20, List.of("sequential", "pipelined", "big"));
        }
    }

    /**
     * What one workload measured. Rates and latencies cover the window; the counts cover the whole run,
     * warm-up included. {@code mbPerSecond} counts request and reply bytes (10^6 bytes per MB);
     * {@code late} are replies that came after their call had ended; {@code served} is what the echo counted.
     */
    public record Result(String contender, String workload, int callers, int payloadBytes, double seconds,
                         long windowCalls, double callsPerSecond, double p50Micros, double p99Micros,
                         double p999Micros, double maxMicros, double mbPerSecond, long issued, long ok,
                         long mismatched, long duplicates, long errors, Map<String, Long> errorKinds, long lost,
                         long late, long served) {

        /** Nothing lost, answered twice, mismatched or failed, and the echo served each call once. */
        public boolean clean() {
            return lost == 0 && duplicates == 0 && mismatched == 0 && errors == 0 && late == 0 && served == issued
                    && ok == issued;
        }

        public String line() {
            String kinds = errorKinds.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(","));
            return String.format(Locale.ROOT, "RESULT contender=%s workload=%s callers=%d payload_bytes=%d "
                            + "seconds=%.1f calls=%d calls_per_s=%.0f p50_us=%.1f p99_us=%.1f p999_us=%.1f "
                            + "max_us=%.1f mb_per_s=%.1f issued=%d ok=%d mismatched=%d duplicates=%d errors=%d%s "
                            + "lost=%d late=%d served=%d clean=%s", contender, workload, callers, payloadBytes,
                    seconds, windowCalls, callsPerSecond, p50Micros, p99Micros, p999Micros, maxMicros, mbPerSecond,
                    issued, ok, mismatched, duplicates, errors, kinds.isEmpty() ? "" : " error_kinds=" + kinds, lost,
                    late, served, clean());
        }
    }

    private ClusterLoad() {
    }

    /** Runs the workloads of {@code settings} against the contender's echo node and closes the contender. */
    public static List<Result> run(Settings settings) throws Exception {
        try (ClusterContender contender = settings.contender().equals("skynet")
                ? new SkynetClusterContender(settings.port()) : new PekkoClusterContender(settings.port())) {
            return run(settings, contender);
        }
    }

    static List<Result> run(Settings settings, ClusterContender contender) throws Exception {
        List<Result> results = new ArrayList<>();
        Payload small = Payload.small();
        for (String workload : settings.workloads()) {
            Result r = switch (workload) {
                case "sequential" -> measure(contender, workload, 1, small, settings.warmup(), settings.duration());
                case "pipelined" -> measure(contender, workload, settings.pipeline(), small, settings.warmup(),
                        settings.duration());
                default -> measure(contender, workload, 1, Payload.big(settings.bigBytes()), settings.warmup(),
                        settings.bigDuration());
            };
            System.out.println(r.line());
            results.add(r);
        }
        return results;
    }

    private static Result measure(ClusterContender contender, String workload, int callers, Payload payload,
                                  Duration warmup, Duration duration) throws Exception {
        contender.served(payload, true);
        long lateBefore = contender.lateReplies();
        CallBook book = new CallBook();
        contender.startCallers(callers, payload, book);
        try {
            Thread.sleep(warmup.toMillis());   // a timed window, not a wait for an event
            book.startWindow();
            long endedBefore = book.ended();
            long t0 = System.nanoTime();
            Thread.sleep(duration.toMillis());
            long windowCalls = book.ended() - endedBefore;
            double seconds = (System.nanoTime() - t0) / 1e9;
            Histogram h = book.window();
            book.stopCalling();
            try {
                book.drained().get(DRAIN_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // what is still outstanding now is lost
            }
            long lost = book.outstanding();
            long served = contender.served(payload, false);
            double rate = windowCalls / seconds;
            return new Result(contender.name(), workload, callers, payload.bytes(), seconds, windowCalls, rate,
                    micros(h, 50), micros(h, 99), micros(h, 99.9), h.getMaxValue() / 1e3,
                    rate * 2.0 * payload.bytes() / 1e6, book.issued(), book.ok(), book.mismatched(),
                    book.duplicates(), book.errors(), book.errorKinds(), lost,
                    book.late() + contender.lateReplies() - lateBefore, served);
        } finally {
            book.stopCalling();
            contender.stopCallers();
        }
    }

    private static double micros(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1e3;
    }

    public static void main(String[] args) throws Exception {
        Settings standard = Settings.standard(arg(args, "--contender", "skynet"), intArg(args, "--port", 0));
        Settings s = new Settings(standard.contender(), standard.port(),
                Duration.ofSeconds(intArg(args, "--warmup", (int) standard.warmup().toSeconds())),
                Duration.ofSeconds(intArg(args, "--seconds", (int) standard.duration().toSeconds())),
                Duration.ofSeconds(intArg(args, "--big-seconds", (int) standard.bigDuration().toSeconds())),
                intArg(args, "--pipeline", standard.pipeline()), intArg(args, "--big-bytes", standard.bigBytes()),
                List.of(arg(args, "--workloads", String.join(",", standard.workloads())).split(",")));
        if (s.port() <= 0) {
            throw new IllegalArgumentException("--port must name the echo node's port");
        }
        List<Result> results = run(s);
        // the callers' runtime threads may linger; the results are out
        System.exit(results.stream().allMatch(Result::clean) ? 0 : 2);
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(arg(args, name, String.valueOf(fallback)));
    }
}
