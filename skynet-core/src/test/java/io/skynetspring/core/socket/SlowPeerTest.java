package io.skynetspring.core.socket;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Slow and vanishing clients of a gate: clients that never read are closed once their unsent
 * frames stay past the mark, while a good client is served; a client that leaves with hundreds of
 * frames queued costs the watchdog one error and one close; refusals at {@code maxclient} and
 * clients gone before {@code forward} are counted and logged at most a burst.
 */
class SlowPeerTest extends GateFixture {

    static final int FRAME = 60_000;
    static final int BURST = 10;   // IncidentLog's lines per kind and service per minute

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void release() {
        root.detachAppender(log);
    }

    /**
     * Forwards its client; a frame "flood N" makes it write N big frames back, "stream N" does that
     * every 10 ms until the agent ends (a server pushing updates), anything else is echoed.
     */
    static final class Flooder implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private int accepted;

        Flooder(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        private void push(int fd, int frames) {
            byte[] frame = new byte[FRAME];
            for (int i = 0; i < frames; i++) {
                if (sockets.write(fd, frame)) {
                    accepted++;
                }
            }
        }

        private void stream(int fd, int frames) {
            push(fd, frames);
            ctx.timeout(java.time.Duration.ofMillis(10), () -> stream(fd, frames));
        }

        @Override
        public Object init(Object[] args) {
            return ctx.call((Address) args[0], "forward", args[1]);
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            inside(ctx, "flooder " + command);
            switch (command) {
                case "client" -> {
                    int fd = (Integer) args[0];
                    String text = new String((byte[]) args[1], StandardCharsets.UTF_8);
                    if (text.startsWith("flood ")) {
                        push(fd, Integer.parseInt(text.substring(6)));
                    } else if (text.startsWith("stream ")) {
                        stream(fd, Integer.parseInt(text.substring(7)));
                    } else {
                        sockets.write(fd, (byte[]) args[1]);
                    }
                    return null;
                }
                case "accepted" -> {
                    return accepted;
                }
                case "exit" -> ctx.exit();
                default -> throw new IllegalArgumentException(command);
            }
            return null;
        }
    }

    private static Socket deaf(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(16 * 1024);
        s.setSoTimeout((int) WAIT.toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    private long count(String event) {
        return events().stream().filter(e -> e.toString().startsWith(event + " ")).count();
    }

    private int fdOfOpen(int nth) {
        await().atMost(WAIT).until(() -> count("open") > nth);
        return Integer.parseInt(events().stream().map(Object::toString).filter(e -> e.startsWith("open "))
                .skip(nth).findFirst().orElseThrow().substring("open ".length()));
    }

    /** Direct memory Netty's default allocator holds (its chunks, so it only says how much was needed at most). */
    static long direct() {
        return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p ? p.metric().usedDirectMemory() : 0;
    }

    private List<String> lines(String containing) {
        return log.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains(containing)).toList();
    }

    @Test
    void clientsThatNeverReadAreClosedAfterTheSlowTimeWhileAGoodClientIsServed() throws Exception {
        rt.template("gate", Gate.template());
        int high = 256 * 1024;
        int port = openGate("gate", Flooder::new, Map.of("sendhigh", high, "sendlow", 64 * 1024, "slowtime", 50));
        rt.template("stat", ctx -> (cmd, args) -> Sockets.of(ctx).netstat());
        Address stat = start("stat");
        AtomicLong most = new AtomicLong();
        long directBefore = direct();
        AtomicLong mostDirect = new AtomicLong(directBefore);
        List<Socket> bad = new ArrayList<>();
        try (Socket good = client(port)) {
            for (int i = 0; i < 8; i++) {
                Socket s = deaf(port);
                bad.add(s);
                // 10 frames of 60 000 bytes every 10 ms for each: 60 MB/s a client, far past the mark
                writeFrame(s.getOutputStream(), "stream 10".getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < 100; i++) {
                byte[] frame = ("still served " + i).getBytes(StandardCharsets.UTF_8);
                writeFrame(good.getOutputStream(), frame);
                assertThat(readFrame(good)).isEqualTo(frame);
                most.accumulateAndGet(((NetStat) call(stat, "netstat")).unsent(), Math::max);
                mostDirect.accumulateAndGet(direct(), Math::max);
            }
            await().atMost(WAIT).until(() -> {
                most.accumulateAndGet(((NetStat) call(stat, "netstat")).unsent(), Math::max);
                mostDirect.accumulateAndGet(direct(), Math::max);
                return count("close") == 8;
            });
            byte[] last = "after the slow ones left".getBytes(StandardCharsets.UTF_8);
            writeFrame(good.getOutputStream(), last);
            assertThat(readFrame(good)).isEqualTo(last);
        } finally {
            for (Socket s : bad) {
                s.close();
            }
        }
        assertThat(most.get()).as("unsent bytes held for 8 clients that never read")
                .isLessThanOrEqualTo(8L * (high + FRAME + 16 * 1024));
        assertThat(mostDirect.get() - directBefore).as("direct memory taken meanwhile")
                .isLessThanOrEqualTo(32L * 1024 * 1024);
        assertThat(rt.incidents().count("socket.closed.slow")).isEqualTo(8);
        assertThat(rt.incidents().count("socket.write.refused")).isPositive();
        assertThat(lines("slow peer")).as("one line per slow client closed").hasSize(8);
        assertThat(count("error")).as("a slow close is not an error of the client").isZero();
    }

    @Test
    void aClientThatLeavesWithHundredsOfFramesQueuedCostsTheWatchdogOneErrorAndOneClose() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("manual", true, "sendhigh", 64 * 1024 * 1024, "slowpeer", "refuse"));
        rt.template("flooder", Flooder::new);
        rt.template("stat", ctx -> (cmd, args) -> Sockets.of(ctx).netstat());
        Address stat = start("stat");
        Socket s = deaf(port);
        int fd = fdOfOpen(0);
        Address agent = start("flooder", gate, fd);
        writeFrame(s.getOutputStream(), "flood 300".getBytes(StandardCharsets.UTF_8));
        await().atMost(WAIT).until(() -> (Integer) call(agent, "accepted") == 300);
        await().atMost(WAIT).until(() -> ((NetStat) call(stat, "netstat")).unsent() > 4L * 1024 * 1024);

        s.setSoLinger(true, 0);   // leave with a reset, hundreds of frames still queued
        s.close();

        await().atMost(WAIT).until(() -> count("close") == 1);
        assertThat(events()).map(Object::toString).filteredOn(e -> e.startsWith("error ")).singleElement()
                .satisfies(e -> assertThat(e).startsWith("error " + fd + " "));
        assertThat(events()).map(Object::toString).containsOnlyOnce("close " + fd);
        await().atMost(WAIT).until(() -> ((NetStat) call(stat, "netstat")).connections() == 0);
    }

    @Test
    void aBadSlowPeerSettingFailsOpenWithWhatToWrite() {
        rt.template("gate", Gate.template());
        Address g = start("gate");
        assertThatThrownBy(() -> call(g, "open", Map.of("address", "127.0.0.1", "port", 0, "slowpeer", "later")))
                .hasMessageContaining("conf.slowpeer must be \"close\", \"refuse\" or \"drop\", was later");
        assertThatThrownBy(() -> call(g, "open", Map.of("address", "127.0.0.1", "port", 0, "sendhigh", 1000,
                "sendlow", 2000))).hasMessageContaining("conf.sendlow 0..sendhigh, was 1000 and 2000");
        List<?> opened = (List<?>) call(g, "open", Map.of("address", "127.0.0.1", "port", 0, "slowpeer", "DROP"));
        assertThat(((Number) opened.get(1)).intValue()).isPositive();   // the gate kept running
    }

    @Test
    void refusalsAtMaxclientAreCountedAndLoggedAtMostABurst() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("manual", true, "maxclient", 2));
        try (Socket kept = client(port)) {
            fdOfOpen(0);
            for (int i = 0; i < 30; i++) {
                try (Socket refused = client(port)) {
                    assertThat(refused.getInputStream().read()).isEqualTo(-1);
                }
            }
            await().atMost(WAIT).until(() -> rt.incidents().count("gate.refused") == 30);
        }
        assertThat(lines("maxclient")).hasSizeBetween(1, BURST);
        assertThat(count("open")).isEqualTo(1);
    }

    @Test
    void clientsThatLeaveBeforeForwardAreCountedWithoutAStackTrace() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of("manual", true));
        for (int i = 0; i < 20; i++) {
            new Socket("127.0.0.1", port).close();
            int fd = fdOfOpen(i);
            await().atMost(WAIT).until(() -> events().contains("close " + fd));
            // the stock agent: takes its client with forward, which has gone already
            start("agent", gate, fd);
        }
        assertThat(rt.incidents().count("gate.forward.gone")).isEqualTo(20);
        assertThat(lines("no such connection")).hasSizeBetween(1, BURST);
        assertThat(log.list).as("no stack traces for clients that left")
                .noneMatch(e -> e.getThrowableProxy() != null);
        assertThat(log.list).noneMatch(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.ERROR));
    }
}
