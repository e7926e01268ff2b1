package io.skynetspring.benchmarks.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hostile-peer harness: attacks a {@link HostileNode} on loopback with clients that never read
 * and connections that stall or dribble, on the gate, raw TCP, WebSocket and HTTP at once, while
 * one well-behaved client per protocol measures its round trips; then lets the bad clients go and
 * times how soon a new client is served. Prints {@code RESULT} lines.
 *
 * <pre>{@code java -cp ... HostileLoad --gate 9001 --tcp 9002 --http 8080 --never-read 8 --stalled 1000 --seconds 20}</pre>
 */
public final class HostileLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String host = "127.0.0.1";
    private final Map<String, String> opt;
    private final int gatePort;
    private final int tcpPort;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicBoolean attacking = new AtomicBoolean();
    private final List<AutoCloseable> bad = new ArrayList<>();

    private HostileLoad(Map<String, String> opt) {
        this.opt = opt;
        this.gatePort = Integer.parseInt(opt.get("gate"));
        this.tcpPort = Integer.parseInt(opt.get("tcp"));
        this.httpPort = Integer.parseInt(opt.get("http"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new HashMap<>(Map.of("never-read", "8", "stalled", "1000", "seconds", "20",
                "flood", "3000"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opt.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new HostileLoad(opt).run();
        System.exit(0);
    }

    private int n(String key) {
        return Integer.parseInt(opt.get(key));
    }

    private void run() throws Exception {
        int seconds = n("seconds");
        System.out.println("== baseline: well-behaved clients alone, " + seconds / 2 + " s");
        report("baseline", measure(Duration.ofSeconds(Math.max(2, seconds / 2)), null));

        System.out.println("== attack: " + n("never-read") + " never-reading clients per protocol, " + n("stalled")
                + " stalled connections, " + seconds + " s");
        attacking.set(true);
        Stalled stalled = new Stalled(host, gatePort, tcpPort, httpPort, n("stalled"));
        bad.add(stalled);
        startNeverReading(n("never-read"));
        MemoryWatch memory = new MemoryWatch();
        report("attack", measure(Duration.ofSeconds(seconds), memory));
        System.out.printf("RESULT memory heap_max_mb=%.1f heap_limit_mb=%.1f direct_max_mb=%.1f%n",
                memory.heapMax / 1048576.0, memory.heapLimit / 1048576.0, memory.directMax / 1048576.0);
        System.out.println("RESULT stalled open_at_end=" + stalled.open() + " closed_by_server=" + stalled.closedByServer()
                + " of=" + n("stalled"));
        System.out.println("RESULT incidents " + probe(probe()).path("incidents"));

        attacking.set(false);
        for (AutoCloseable c : bad) {
            c.close();
        }
        long t0 = System.nanoTime();
        gateRoundTrip(new Socket(host, gatePort));
        long gateMs = ms(System.nanoTime() - t0);
        t0 = System.nanoTime();
        tcpRoundTrip(new Socket(host, tcpPort));
        long tcpMs = ms(System.nanoTime() - t0);
        t0 = System.nanoTime();
        httpRoundTrip();
        long httpMs = ms(System.nanoTime() - t0);
        t0 = System.nanoTime();
        try (WsEcho ws = new WsEcho(http, httpPort)) {
            ws.roundTrip();
        }
        long wsMs = ms(System.nanoTime() - t0);
        System.out.println("RESULT new_client_after_attack_ms gate=" + gateMs + " tcp=" + tcpMs + " http=" + httpMs
                + " ws=" + wsMs);
        report("after", measure(Duration.ofSeconds(Math.max(2, seconds / 4)), null));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    // ---- the well-behaved clients --------------------------------------------------------------

    private Map<String, List<Long>> measure(Duration length, MemoryWatch memory) throws Exception {
        Map<String, List<Long>> rtts = new HashMap<>();
        long end = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        try (Socket gate = new Socket(host, gatePort); Socket tcp = new Socket(host, tcpPort);
             WsEcho ws = new WsEcho(http, httpPort)) {
            threads.add(loop("gate", rtts, end, () -> gateRoundTrip(gate)));
            threads.add(loop("tcp", rtts, end, () -> tcpRoundTrip(tcp)));
            threads.add(loop("http", rtts, end, this::httpRoundTrip));
            threads.add(loop("ws", rtts, end, ws::roundTrip));
            while (System.nanoTime() < end) {
                if (memory != null) {
                    memory.sample(probe());
                }
                Thread.sleep(500);   // the sampling period of a load generator, not a wait for a result
            }
            for (Thread t : threads) {
                t.join(30_000);
            }
        }
        return rtts;
    }

    private interface RoundTrip {
        void run() throws Exception;
    }

    private Thread loop(String name, Map<String, List<Long>> rtts, long end, RoundTrip trip) {
        List<Long> mine = new ArrayList<>();
        synchronized (rtts) {
            rtts.put(name, mine);
        }
        Thread t = new Thread(() -> {
            try {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    trip.run();
                    mine.add(System.nanoTime() - t0);
                    Thread.sleep(5);   // pacing: about 150 round trips a second per protocol
                }
            } catch (Exception e) {
                System.out.println("ERROR well-behaved " + name + " client failed: " + e);
                mine.add(Long.MAX_VALUE);
            }
        }, "good-" + name);
        t.start();
        return t;
    }

    private void report(String phase, Map<String, List<Long>> rtts) {
        rtts.forEach((name, list) -> {
            List<Long> sorted = new ArrayList<>(list);
            sorted.sort(null);
            boolean failed = !sorted.isEmpty() && sorted.get(sorted.size() - 1) == Long.MAX_VALUE;
            System.out.printf("RESULT %s %s n=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f%s%n", phase, name, sorted.size(),
                    pct(sorted, 0.5), pct(sorted, 0.99), pct(sorted, 1.0), failed ? " FAILED" : "");
        });
    }

    private static double pct(List<Long> sorted, double q) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        long v = sorted.get(Math.max(0, (int) Math.ceil(q * sorted.size()) - 1));
        return v == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : v / 1e6;
    }

    private static final byte[] PING = "ping".getBytes(StandardCharsets.UTF_8);

    private static void gateRoundTrip(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        byte[] frame = new byte[2 + PING.length];   // one write: header and body in one segment
        frame[1] = (byte) PING.length;
        System.arraycopy(PING, 0, frame, 2, PING.length);
        s.getOutputStream().write(frame);
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] back = new byte[in.readUnsignedShort()];
        in.readFully(back);
    }

    private static void tcpRoundTrip(Socket s) throws IOException {
        s.setSoTimeout(10_000);
        s.setTcpNoDelay(true);
        s.getOutputStream().write("ping\n".getBytes(StandardCharsets.UTF_8));
        byte[] back = new byte[5];
        new DataInputStream(s.getInputStream()).readFully(back);
    }

    private void httpRoundTrip() throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + "/echo"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("GET /echo answered " + r.statusCode());
        }
    }

    private String probe() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + httpPort + "/probe"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "{}";
        }
    }

    /** A WebSocket client that waits for the echo of each message it sends. */
    static final class WsEcho implements AutoCloseable, WebSocket.Listener {
        private final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final WebSocket socket;

        WsEcho(HttpClient http, int port) throws Exception {
            this.socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), this)
                    .get(10, TimeUnit.SECONDS);
        }

        void roundTrip() throws Exception {
            socket.sendText("ping", true).get(10, TimeUnit.SECONDS);
            if (received.poll(10, TimeUnit.SECONDS) == null) {
                throw new IOException("no WebSocket echo within 10 s");
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            received.add(data.toString());
            ws.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    // ---- the bad clients -------------------------------------------------------------------------

    private void startNeverReading(int perProtocol) throws Exception {
        byte[] frame = new byte[4096];
        byte[] line = ("x".repeat(4095) + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] pipelined = ("GET /echo HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < perProtocol; i++) {
            writer("gate", gatePort, out -> {
                out.writeShort(frame.length);
                out.write(frame);
            });
            writer("tcp", tcpPort, out -> out.write(line));
            writer("http", httpPort, out -> out.write(pipelined));
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/ws"),
                    new WebSocket.Listener() {
                        @Override
                        public void onOpen(WebSocket webSocket) {
                            // never requests a message: the client stops reading its socket
                        }
                    }).get(10, TimeUnit.SECONDS);
            ws.sendText("flood " + n("flood"), true);
            bad.add(ws::abort);
        }
    }

    private interface Write {
        void to(DataOutputStream out) throws IOException;
    }

    /** A client that writes as fast as the server takes its bytes and never reads a reply. */
    private void writer(String name, int port, Write write) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(4096);
        s.connect(new InetSocketAddress(host, port), 5000);
        bad.add(s);
        Thread t = new Thread(() -> {
            try {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                while (attacking.get()) {
                    write.to(out);
                }
            } catch (IOException closed) {
                // the server closed the slow peer, or the harness did
            }
        }, "never-read-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** Samples the node's heap and direct memory through its probe route. */
    static final class MemoryWatch {
        long heapMax;
        long heapLimit;
        long directMax;

        void sample(String json) {
            JsonNode probe = probe(json);
            heapMax = Math.max(heapMax, probe.path("heapUsed").asLong());
            heapLimit = Math.max(heapLimit, probe.path("heapMax").asLong());
            directMax = Math.max(directMax, Math.max(probe.path("nettyDirect").asLong(), probe.path("nioDirect").asLong()));
        }
    }

    private static JsonNode probe(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException unreadable) {
            return JSON.createObjectNode();
        }
    }
}
