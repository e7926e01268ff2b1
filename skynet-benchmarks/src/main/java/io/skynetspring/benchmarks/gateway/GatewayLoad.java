package io.skynetspring.benchmarks.gateway;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.skynetspring.core.socket.SocketTransport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Load for the gateway sample (its TCP gate, see its README): players in scenes of {@code scene} each move
 * {@code rate} times a second at a random phase on the generator's clock (1 ms slots: the players of one slot
 * send together, so an event loop wakes once per slot; {@code --clock-us 0} gives each player its own exact
 * schedule instead); every {@code player_move} a player receives is timed from the moment its
 * mover sent it (the move's x is a sequence number the generator remembers), so one move in a scene of 50
 * is 49 deliveries, and a move missed or heard twice is counted. The number of players is raised by {@code step} (players added, logged in, warmed up,
 * measured) until the p99 of move-to-delivery latency passes {@code limit-ms} or {@code max} is reached.
 * Before that, {@code idle} players log in and stay idle while the app's heap after a full GC is compared
 * with the heap before (through {@code jcmd}, given the app's pid), then leave.
 *
 * <p>{@code main --port P [--pid APP_PID] [--idle 2000] [--start 500] [--step 500] [--max 4000]
 * [--scene 50] [--rate 10] [--warmup 5] [--seconds 10] [--limit-ms 50] [--loops cores] [--label gateway]
 * [--clock-us 1000] [--transport auto]} (the generator's sockets: auto takes io_uring where the kernel allows it, as
 * the gateway's own {@code skynet.sockets.transport} does);
 * prints a {@code RESULT} and a {@code LATE} line per level, an {@code IDLE} line and a {@code HELD} line.
 */
public final class GatewayLoad {

    /** Run settings; the target is always 127.0.0.1. */
    public record Settings(int port, long appPid, int idle, int start, int step, int max, int sceneSize, double rate,
                           Duration warmup, Duration duration, double limitMillis, int loops, String secret,
                           String label, Duration clock, SocketTransport transport) {

        /** The generator's default clock: players move in 1 ms slots. */
        public static final Duration CLOCK = Duration.ofMillis(1);

        public Settings {
            if (start < 2 || step < 0 || max < start || sceneSize < 2 || !(rate > 0)) {
                throw new IllegalArgumentException("need start >= 2, step >= 0, max >= start, scene >= 2, rate > 0: "
                        + start + ", " + step + ", " + max + ", " + sceneSize + ", " + rate);
            }
            if (clock.isNegative() || (!clock.isZero() && clock.toNanos() > 1e9 / rate)) {
                throw new IllegalArgumentException("the clock (" + clock.toMillis() + " ms) must be 0 or at most a player's "
                        + "period (1/rate)");
            }
        }
    }

    /** What the idle phase measured; {@code heapPerPlayer} is -1 without a pid. */
    public record Idle(int players, int loggedIn, long heapBefore, long heapAfter, double heapPerPlayer) {

        public String line() {
            return String.format(Locale.ROOT, "IDLE players=%d logged_in=%d heap_before=%d heap_after=%d "
                    + "heap_per_player_bytes=%.0f", players, loggedIn, heapBefore, heapAfter, heapPerPlayer);
        }
    }

    /**
     * One level: players connected, moves sent and deliveries received per second over the measured
     * window, moves a receiver never heard although it heard a later one of the same player ({@code lost}),
     * moves heard twice, out of order or from outside the scene ({@code extra}), latency percentiles (ms),
     * the app's CPU and the generator's (percent of one core, -1 without a pid), players whose
     * connection the server closed, and the 10 ms slices of the window that had a delivery over the limit.
     */
    public record Level(String label, int players, int loggedIn, int failed, int closed, double movesPerSecond,
                        double deliveriesPerSecond, double expectedPerSecond, long lost, long extra, double p50Millis,
                        double p99Millis, double p999Millis, double maxMillis, double appCpuPercent,
                        double loadCpuPercent, String lateSlices) {

        public String line() {
            return String.format(Locale.ROOT, "RESULT label=%s players=%d logged_in=%d failed=%d closed=%d "
                            + "moves_per_s=%.0f deliveries_per_s=%.0f expected_per_s=%.0f lost=%d extra=%d p50_ms=%.2f "
                            + "p99_ms=%.2f p999_ms=%.2f max_ms=%.2f app_cpu_pct=%.0f load_cpu_pct=%.0f", label, players,
                    loggedIn, failed, closed, movesPerSecond, deliveriesPerSecond, expectedPerSecond, lost, extra,
                    p50Millis, p99Millis, p999Millis, maxMillis, appCpuPercent, loadCpuPercent);
        }

        /** When the deliveries over the limit came: 10 ms slices from the window's start. */
        public String slicesLine() {
            return "LATE label=" + label + " players=" + players + " " + lateSlices;
        }

        /** Within the p99 limit, with no failed login, no close and every move heard once. */
        boolean held(double limitMillis) {
            return p99Millis <= limitMillis && failed == 0 && closed == 0 && lost == 0 && extra == 0;
        }
    }

    /** The idle phase and every level run, and the most players held within the limit (0 if none). */
    public record Result(Idle idle, List<Level> levels, int held) {
    }

    private GatewayLoad() {
    }

    public static Result run(Settings s) throws Exception {
        DefaultThreadFactory threads = new DefaultThreadFactory("gateway-load", true);
        // io_uring or epoll where Linux offers them: less CPU per socket read and write than NIO (io_uring the least)
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(s.loops(), threads, s.transport().ioHandlers());
        try {
            Idle idle = s.idle() > 0 ? idle(s, group) : null;
            if (idle != null) {
                System.out.println(idle.line());
            }
            List<Level> levels = new ArrayList<>();
            int held = 0;
            try (Swarm swarm = new Swarm(s, group)) {
                for (int players = s.start(); players <= s.max(); players += Math.max(1, s.step())) {
                    swarm.grow(players);
                    Level level = swarm.measure();
                    levels.add(level);
                    System.out.println(level.line());
                    System.out.println(level.slicesLine());
                    if (!level.held(s.limitMillis())) {
                        break;
                    }
                    held = level.loggedIn();
                    if (s.step() == 0) {
                        break;
                    }
                }
            }
            System.out.println("HELD label=" + s.label() + " players=" + held + " limit_p99_ms=" + s.limitMillis());
            return new Result(idle, levels, held);
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).awaitUninterruptibly(5000);
        }
    }

    private static Idle idle(Settings s, EventLoopGroup group) throws Exception {
        long before = s.appPid() > 0 ? AppProcess.heapAfterGc(s.appPid()) : -1;
        try (Swarm swarm = new Swarm(s, group, 1_000_000)) {
            swarm.grow(s.idle());
            long after = s.appPid() > 0 ? AppProcess.heapAfterGc(s.appPid()) : -1;
            double per = before < 0 ? -1 : (after - before) / (double) Math.max(1, swarm.loggedIn());
            return new Idle(s.idle(), swarm.loggedIn(), before, after, per);
        }
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        long pid = 0;
        int idle = 2000;
        int start = 500;
        int step = 500;
        int max = 4000;
        int scene = 50;
        double rate = 10;
        int warmup = 5;
        int seconds = 10;
        double limit = 50;
        int loops = Runtime.getRuntime().availableProcessors();
        String secret = "skynet-gateway-dev-secret";
        String label = "gateway";
        Duration clock = Settings.CLOCK;
        SocketTransport transport = SocketTransport.AUTO;
        for (int i = 0; i + 1 < args.length; i += 2) {
            String v = args[i + 1];
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(v);
                case "--pid" -> pid = Long.parseLong(v);
                case "--idle" -> idle = Integer.parseInt(v);
                case "--start" -> start = Integer.parseInt(v);
                case "--step" -> step = Integer.parseInt(v);
                case "--max" -> max = Integer.parseInt(v);
                case "--scene" -> scene = Integer.parseInt(v);
                case "--rate" -> rate = Double.parseDouble(v);
                case "--warmup" -> warmup = Integer.parseInt(v);
                case "--seconds" -> seconds = Integer.parseInt(v);
                case "--limit-ms" -> limit = Double.parseDouble(v);
                case "--loops" -> loops = Integer.parseInt(v);
                case "--secret" -> secret = v;
                case "--label" -> label = v;
                case "--clock-us" -> clock = Duration.ofNanos(Long.parseLong(v) * 1000);
                case "--transport" -> transport = SocketTransport.parse(v);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        run(new Settings(port, pid, idle, start, step, max, scene, rate, Duration.ofSeconds(warmup),
                Duration.ofSeconds(seconds), limit, loops, secret, label, clock, transport));
    }
}
