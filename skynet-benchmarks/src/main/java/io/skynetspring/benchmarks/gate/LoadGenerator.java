package io.skynetspring.benchmarks.gate;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpClient;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Load for a netpack echo server on 127.0.0.1: opens C connections and sends 2-byte-length
 * framed messages carrying their send time, measuring echoes per second and round-trip latency.
 *
 * <ul>
 *   <li>{@code idle}: hold C connections and report the server's heap per connection (its probe);</li>
 *   <li>{@code max}: closed loop, each connection keeps {@code window} messages in flight;</li>
 *   <li>{@code rate}: open loop at a total of {@code rate} messages/s spread over the connections.</li>
 * </ul>
 * {@code main --port P [--probe PP] [--mode idle|max|rate] [--connections C] [--rate R]
 * [--seconds D] [--warmup W] [--size S] [--window N] [--label L]}; prints one {@code RESULT} line.
 */
public final class LoadGenerator {

    /** What one run measured. */
    public record Result(String label, String mode, int connections, int connected, double messagesPerSecond,
                         long p50Micros, long p99Micros, long p999Micros, long heapPerConnection, long errors) {

        String line() {
            return String.format(Locale.ROOT, "RESULT label=%s mode=%s connections=%d connected=%d msgs_per_s=%.0f "
                            + "p50_us=%d p99_us=%d p999_us=%d heap_per_conn=%d errors=%d", label, mode, connections,
                    connected, messagesPerSecond, p50Micros, p99Micros, p999Micros, heapPerConnection, errors);
        }
    }

    /** Run settings; the target is always 127.0.0.1. */
    public record Settings(int port, int probePort, String mode, int connections, int rate, Duration duration,
                           Duration warmup, int size, int window, String label) {

        public Settings {
            if (size < 8 || size > 65535) {
                throw new IllegalArgumentException("size must be 8..65535");
            }
        }
    }

    private final Settings settings;
    private final Latencies latencies = new Latencies();
    private final LongAdder received = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private volatile boolean sending = true;

    private LoadGenerator(Settings settings) {
        this.settings = settings;
    }

    public static Result run(Settings settings) throws Exception {
        return new LoadGenerator(settings).run();
    }

    private Result run() throws Exception {
        LoopResources loops = LoopResources.create("load", 1, Runtime.getRuntime().availableProcessors(), true);
        try {
            long heapBefore = settings.mode().equals("idle") ? heap() : 0;
            List<Connection> conns = connectAll(loops);
            try {
                return switch (settings.mode()) {
                    case "idle" -> idle(conns, heapBefore);
                    case "max", "rate" -> echo(conns);
                    default -> throw new IllegalArgumentException("mode must be idle, max or rate");
                };
            } finally {
                sending = false;
                for (Connection c : conns) {
                    c.dispose();
                }
            }
        } finally {
            loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block();
        }
    }

    private List<Connection> connectAll(LoopResources loops) {
        TcpClient client = TcpClient.newConnection()
                .host("127.0.0.1")
                .port(settings.port())
                .runOn(loops)
                .doOnConnected(c -> {
                    c.addHandlerLast("frames", new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2));
                    c.addHandlerLast("prepend", new LengthFieldPrepender(2));
                    c.addHandlerLast("meter", new Meter());
                    c.channel().config().setAutoRead(true);
                });
        return Flux.range(0, settings.connections())
                .flatMap(i -> client.connect().<Connection>map(c -> c).onErrorResume(e -> {
                    errors.increment();
                    return Mono.empty();
                }), 256)
                .collectList()
                .block(Duration.ofMinutes(5));
    }

    private Result idle(List<Connection> conns, long heapBefore) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (HeapProbe.field(HeapProbe.ask(settings.probePort()), "connections") < conns.size()
                && System.nanoTime() < deadline) {
            Thread.sleep(200);   // polling another process; nothing to await
        }
        Thread.sleep(settings.duration().toMillis());
        long heapAfter = heap();
        long perConnection = conns.isEmpty() ? 0 : (heapAfter - heapBefore) / conns.size();
        System.out.printf(Locale.ROOT, "idle: %d connections, server heap %d -> %d bytes after GC%n", conns.size(),
                heapBefore, heapAfter);
        return new Result(settings.label(), "idle", settings.connections(), conns.size(), 0, 0, 0, 0, perConnection,
                errors.sum());
    }

    private long heap() throws Exception {
        return HeapProbe.field(HeapProbe.ask(settings.probePort()), "heap");
    }

    private Result echo(List<Connection> conns) throws Exception {
        boolean open = settings.mode().equals("rate");
        long intervalNanos = open ? (long) (1e9 * conns.size() / Math.max(1, settings.rate())) : 0;
        for (Connection c : conns) {
            Channel ch = c.channel();
            if (open) {
                long offset = ThreadLocalRandom.current().nextLong(intervalNanos);
                ch.eventLoop().scheduleAtFixedRate(() -> {
                    if (sending && ch.isActive()) {
                        send(ch);
                    }
                }, offset, intervalNanos, TimeUnit.NANOSECONDS);
            } else {
                ch.eventLoop().execute(() -> {
                    for (int i = 0; i < settings.window(); i++) {
                        send(ch);
                    }
                });
            }
        }
        Thread.sleep(settings.warmup().toMillis());
        latencies.reset();
        received.reset();
        long t0 = System.nanoTime();
        Thread.sleep(settings.duration().toMillis());
        long n = received.sum();
        double seconds = (System.nanoTime() - t0) / 1e9;
        sending = false;
        return new Result(settings.label(), settings.mode(), settings.connections(), conns.size(), n / seconds,
                latencies.percentileMicros(0.50), latencies.percentileMicros(0.99),
                latencies.percentileMicros(0.999), 0, errors.sum());
    }

    private void send(Channel ch) {
        ByteBuf b = ch.alloc().buffer(settings.size());
        b.writeLong(System.nanoTime());
        b.writeZero(settings.size() - 8);
        ch.writeAndFlush(b);
    }

    /** Records each echo's round trip; in the closed loop, answers it with the next message. */
    private final class Meter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf frame = (ByteBuf) msg;
            try {
                latencies.record(System.nanoTime() - frame.getLong(frame.readerIndex()));
                received.increment();
            } finally {
                frame.release();
            }
            if (sending && settings.mode().equals("max")) {
                send(ctx.channel());
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            errors.increment();
            ctx.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Settings s = new Settings(intArg(args, "--port", 8888), intArg(args, "--probe", 0),
                arg(args, "--mode", "max"), intArg(args, "--connections", 1000), intArg(args, "--rate", 10_000),
                Duration.ofSeconds(intArg(args, "--seconds", 10)), Duration.ofSeconds(intArg(args, "--warmup", 3)),
                intArg(args, "--size", 64), intArg(args, "--window", 1), arg(args, "--label", "target"));
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
