package io.skynetspring.benchmarks.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;
import reactor.netty.resources.LoopResources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Load for the chat sample ({@code ws://127.0.0.1:PORT/chat}, see its README for the protocol): C WebSocket
 * clients join R rooms round-robin with unique nicks, then each says a line every 1/rate seconds, start
 * times spread evenly over the period. Every line carries the generator's send time; every member of the
 * room that gets it records receive time minus send time, so one line in a room of 50 is 50 deliveries.
 * The warm-up is left out of the figures; after the window the clients stop saying, wait (at most 10 s)
 * for every line already said to reach every member, then leave.
 *
 * <p>{@code main --port P [--path /chat] [--clients 1000] [--rooms 20] [--rate 1] [--seconds 30]
 * [--warmup 10] [--loops cores] [--label chat]}; prints one {@code RESULT} line.
 */
public final class ChatLoad {

    /** Run settings; the target is always 127.0.0.1. {@code linesPerSecond} is per client. */
    public record Settings(int port, String path, int clients, int rooms, double linesPerSecond, Duration warmup,
                           Duration duration, int loops, String label) {

        public Settings {
            if (clients < 1 || rooms < 1 || rooms > clients) {
                throw new IllegalArgumentException("need at least one client per room: clients=" + clients
                        + " rooms=" + rooms);
            }
            if (!(linesPerSecond > 0)) {
                throw new IllegalArgumentException("rate must be above 0 lines/s per client, was " + linesPerSecond);
            }
        }

        /** The load: 1,000 clients in 20 rooms, one line a second each, 10 s warm-up, 30 s measured. */
        public static Settings standard(int port) {
            return new Settings(port, "/chat", 1000, 20, 1.0, Duration.ofSeconds(10), Duration.ofSeconds(30),
                    Runtime.getRuntime().availableProcessors(), "chat");
        }
    }

    /**
     * What one run measured. Latencies are milliseconds over the measured window; {@code expected} and
     * {@code delivered} count the whole run (every line said times the members of its room), so
     * {@code lost = expected - delivered} after the drain; {@code gaps} are room sequence numbers a client
     * skipped; {@code closed} are connections the server closed mid-run.
     */
    public record Result(String label, int clients, int rooms, int joined, int failed, int closed,
                         double linesPerSecond, double deliveriesPerSecond, double p50Millis, double p99Millis,
                         double p999Millis, double maxMillis, long errors, Map<String, Long> errorCodes,
                         long expected, long delivered, long lost, long gaps, long outboxFull) {

        public String line() {
            String codes = errorCodes.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue())
                    .collect(Collectors.joining(","));
            return String.format(Locale.ROOT, "RESULT label=%s clients=%d rooms=%d joined=%d failed=%d closed=%d "
                            + "lines_per_s=%.1f deliveries_per_s=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f max_ms=%.2f "
                            + "errors=%d%s expected=%d delivered=%d lost=%d gaps=%d outbox_full=%d", label, clients,
                    rooms, joined, failed, closed, linesPerSecond, deliveriesPerSecond, p50Millis, p99Millis,
                    p999Millis, maxMillis, errors, codes.isEmpty() ? "" : " error_codes=" + codes, expected,
                    delivered, lost, gaps, outboxFull);
        }
    }

    private static final Duration JOIN_DEADLINE = Duration.ofSeconds(60);
    private static final Duration DRAIN_DEADLINE = Duration.ofSeconds(10);
    /** Connections opened at once; enough to fill 1,000 in a few seconds without a SYN burst. */
    private static final int CONNECT_CONCURRENCY = 64;
    private static final int REPORTED_FAILURES = 5;

    private final Settings settings;
    private final Deliveries deliveries = new Deliveries();
    private final ObjectMapper json = new ObjectMapper();
    /** Tags this run's lines and nicks, so lines from anyone else are not timed and nicks never clash. */
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
    private final AtomicLong failuresShown = new AtomicLong();

    private ChatLoad(Settings settings) {
        this.settings = settings;
    }

    public static Result run(Settings settings) throws InterruptedException {
        return new ChatLoad(settings).run();
    }

    private Result run() throws InterruptedException {
        LoopResources loops = LoopResources.create("chat-load", 1, settings.loops(), true);
        List<ChatClient> members = Collections.synchronizedList(new ArrayList<>());
        try {
            HttpClient.WebsocketSender websocket = HttpClient.newConnection()
                    .runOn(loops)
                    .host("127.0.0.1")
                    .port(settings.port())
                    .websocket(WebsocketClientSpec.builder().maxFramePayloadLength(1 << 20).build());
            long t = System.nanoTime();
            joinAll(websocket, members);
            System.out.printf(Locale.ROOT, "joined %d of %d clients to %d rooms in %.1f s%n", members.size(),
                    settings.clients(), settings.rooms(), (System.nanoTime() - t) / 1e9);
            return measure(members);
        } finally {
            members.forEach(ChatClient::close);
            loops.disposeLater(Duration.ofMillis(200), Duration.ofSeconds(5)).block();
        }
    }

    private void joinAll(HttpClient.WebsocketSender websocket, List<ChatClient> members) {
        Flux.range(0, settings.clients())
                .flatMap(i -> {
                    ChatClient c = new ChatClient(json, "load-" + (i % settings.rooms()), "u" + i + "-" + run, run,
                            deliveries);
                    return c.open(websocket, settings.path())
                            .timeout(JOIN_DEADLINE)
                            .then(Mono.fromRunnable(() -> members.add(c)))
                            .onErrorResume(e -> {
                                c.close();
                                if (failuresShown.incrementAndGet() <= REPORTED_FAILURES) {
                                    System.out.println("client " + i + " failed: " + e);
                                }
                                return Mono.empty();
                            });
                }, CONNECT_CONCURRENCY)
                .then()
                .block(JOIN_DEADLINE.multipliedBy(2));
    }

    private Result measure(List<ChatClient> members) throws InterruptedException {
        if (members.isEmpty()) {
            return new Result(settings.label(), settings.clients(), settings.rooms(), 0, settings.clients(), 0, 0,
                    0, 0, 0, 0, 0, 0, deliveries.errors(), 0, 0, 0, 0, 0);
        }
        Map<String, Long> roomSizes = members.stream()
                .collect(Collectors.groupingBy(ChatClient::room, Collectors.counting()));
        long period = (long) (1e9 / settings.linesPerSecond());
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < members.size(); i++) {
            ChatClient c = members.get(i);
            c.startSaying(roomSizes.get(c.room()), start + period * i / members.size() - System.nanoTime(), period);
        }
        Thread.sleep(settings.warmup().toMillis());   // pacing the run, nothing to await
        deliveries.startWindow();
        long windowStart = System.nanoTime();
        Thread.sleep(settings.duration().toMillis());
        double seconds = (System.nanoTime() - windowStart) / 1e9;
        Histogram window = deliveries.window();
        long lines = deliveries.linesInWindow();
        long delivered = deliveries.deliveredInWindow();
        members.forEach(ChatClient::stop);
        long deadline = System.nanoTime() + DRAIN_DEADLINE.toNanos();
        while (deliveries.deliveredTotal() < deliveries.expectedTotal() && System.nanoTime() < deadline) {
            Thread.sleep(50);   // the lines still on their way have no completion signal to await
        }
        Map<String, Long> codes = deliveries.errors();
        long expected = deliveries.expectedTotal();
        long deliveredTotal = deliveries.deliveredTotal();
        return new Result(settings.label(), settings.clients(), settings.rooms(), members.size(),
                settings.clients() - members.size(), (int) deliveries.closedCount(), lines / seconds,
                delivered / seconds, millis(window.getValueAtPercentile(50)), millis(window.getValueAtPercentile(99)),
                millis(window.getValueAtPercentile(99.9)), millis(window.getMaxValue()),
                codes.values().stream().mapToLong(Long::longValue).sum(), codes, expected, deliveredTotal,
                Math.max(0, expected - deliveredTotal), deliveries.gaps(), deliveries.outboxFullCount());
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    public static void main(String[] args) throws InterruptedException {
        Settings s = Settings.standard(0);
        s = new Settings(intArg(args, "--port", 8080), arg(args, "--path", s.path()),
                intArg(args, "--clients", s.clients()), intArg(args, "--rooms", s.rooms()),
                Double.parseDouble(arg(args, "--rate", String.valueOf(s.linesPerSecond()))),
                Duration.ofSeconds(intArg(args, "--warmup", (int) s.warmup().toSeconds())),
                Duration.ofSeconds(intArg(args, "--seconds", (int) s.duration().toSeconds())),
                intArg(args, "--loops", s.loops()), arg(args, "--label", s.label()));
        System.out.println(run(s).line());
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
