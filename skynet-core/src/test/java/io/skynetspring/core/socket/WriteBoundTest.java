package io.skynetspring.core.socket;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A client that never reads, written to as fast as a service can: past the high mark of unsent
 * bytes the connection refuses writes, drops them, or is closed after the slow time, as its
 * policy says; the bytes it holds stay bounded, and each refusal, drop and close is counted.
 */
class WriteBoundTest extends SocketFixture {

    static final int HIGH = 256 * 1024;
    static final int LOW = 64 * 1024;
    static final int CHUNK = 64 * 1024;
    static final int FLOOD = 1000;   // 62.5 MiB offered, far past the high mark and the kernel's buffers
    /** Netty's bookkeeping per queued buffer is counted as unsent too (about 100 bytes each). */
    static final int SLACK = 16 * 1024;
    static final Duration SLOW = Duration.ofMillis(300);

    private SocketDriver driver;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void capture() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void closeDriver() {
        root.detachAppender(log);
        if (driver != null) {
            driver.close();
        }
    }

    /** Takes one client and writes to it when told; records its close. */
    static final class Writer implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> events = new ArrayList<>();
        private Listener listener;
        private Connection conn;
        private int accepted;

        Writer(ServiceContext ctx, SocketDriver driver) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx, driver);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (c, addr) -> {
                    conn = sockets.start(c);
                    conn.onClose(() -> {
                        inside(ctx, "onClose");
                        events.add("closed");
                    });
                });
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "ready" -> conn != null;
                case "flood" -> {
                    // one turn of the service: every write is answered at once, none waits for the peer
                    byte[] chunk = new byte[(Integer) args[1]];
                    int accepted = 0;
                    for (int i = 0; i < (Integer) args[0]; i++) {
                        if (conn.write(chunk)) {
                            accepted++;
                        }
                    }
                    yield accepted;
                }
                case "stream" -> {
                    stream((Integer) args[0], (Integer) args[1]);
                    yield null;
                }
                case "accepted" -> accepted;
                case "open" -> conn.isOpen();
                case "close" -> {
                    conn.close();
                    yield null;
                }
                case "events" -> List.copyOf(events);
                default -> throw new IllegalArgumentException(command);
            };
        }

        /** Writes {@code n} chunks every 10 ms while the connection is open: a server pushing updates. */
        private void stream(int n, int size) {
            byte[] chunk = new byte[size];
            for (int i = 0; i < n && conn.isOpen(); i++) {
                if (conn.write(chunk)) {
                    accepted++;
                }
            }
            if (conn.isOpen()) {
                ctx.timeout(Duration.ofMillis(10), () -> stream(n, size));
            }
        }
    }

    private Address writer(SlowPeer policy) {
        return writer(policy, HIGH, LOW);
    }

    private Address writer(SlowPeer policy, int high, int low) {
        driver = SocketDriver.start(SocketOptions.defaults().withSendLimit(high, low).withSlowPeer(policy)
                .withSlowTime(SLOW));
        rt.template("writer", ctx -> new Writer(ctx, driver));
        return start("writer");
    }

    /** A client that reads nothing and offers a small window, so unsent data piles up on the server. */
    private static Socket deaf(int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(16 * 1024);
        s.setSoTimeout((int) WAIT.toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    private long unsent() {
        return driver.netstat().sockets().stream().filter(r -> r.kind().equals("tcp")).mapToLong(SocketStat::unsent)
                .sum();
    }

    private long incidents(String kind) {
        return rt.incidents().count(kind);
    }

    @Test
    void refusePolicyRefusesWritesPastTheHighMarkAndTakesThemAgainOnceDrained() throws Exception {
        Address w = writer(SlowPeer.REFUSE);
        try (Socket s = deaf((Integer) call(w, "port"))) {
            await().atMost(WAIT).until(() -> (Boolean) call(w, "ready"));
            int accepted = (Integer) call(w, "flood", FLOOD, CHUNK);

            assertThat(accepted).as("writes taken before the high mark").isLessThan(FLOOD);
            assertThat(unsent()).as("unsent bytes held for the client").isLessThanOrEqualTo(HIGH + CHUNK + SLACK);
            assertThat(incidents("socket.write.refused")).isEqualTo(FLOOD - accepted);
            assertThat((Boolean) call(w, "open")).isTrue();

            // the client catches up: everything taken arrives, and writes are taken again
            readFully(s.getInputStream(), (long) accepted * CHUNK);
            await().atMost(WAIT).until(() -> unsent() < LOW);
            assertThat((Integer) call(w, "flood", 1, CHUNK)).isEqualTo(1);
            readFully(s.getInputStream(), CHUNK);
        }
    }

    @Test
    void dropPolicyDiscardsWritesPastTheHighMarkAndCountsThem() throws Exception {
        Address w = writer(SlowPeer.DROP);
        try (Socket s = deaf((Integer) call(w, "port"))) {
            await().atMost(WAIT).until(() -> (Boolean) call(w, "ready"));
            assertThat((Integer) call(w, "flood", FLOOD, CHUNK)).as("write says true").isEqualTo(FLOOD);

            assertThat(unsent()).isLessThanOrEqualTo(HIGH + CHUNK + SLACK);
            assertThat(incidents("socket.write.dropped")).isPositive();
            assertThat((Boolean) call(w, "open")).isTrue();
        }
    }

    @Test
    void closePolicyShutsAPeerThatStaysAboveTheMarkForTheSlowTime() throws Exception {
        Address w = writer(SlowPeer.CLOSE);
        try (Socket s = deaf((Integer) call(w, "port"))) {
            await().atMost(WAIT).until(() -> (Boolean) call(w, "ready"));
            long before = System.nanoTime();
            call(w, "stream", 16, CHUNK);   // 1 MiB every 10 ms, on and on

            await().atMost(WAIT).until(() -> {
                assertThat(unsent()).isLessThanOrEqualTo(HIGH + CHUNK + SLACK);
                return ((List<?>) call(w, "events")).contains("closed");
            });
            assertThat(Duration.ofNanos(System.nanoTime() - before)).as("closed no sooner than the slow time")
                    .isGreaterThanOrEqualTo(SLOW);
            assertThat(drainsToTheEnd(s.getInputStream())).as("the client sees the end").isTrue();
        }
        assertThat(incidents("socket.closed.slow")).isEqualTo(1);
        assertThat(incidents("socket.write.refused")).isPositive();
        assertThat(log.list.stream().filter(e -> e.getFormattedMessage().contains("slow peer")))
                .as("one line for the close").hasSize(1)
                .allSatisfy(e -> assertThat(e.getFormattedMessage()).contains("[" + w + "]"));
        await().atMost(WAIT).until(() -> driver.netstat().connections() == 0);
    }

    @Test
    void aCloseWaitsForTheFlushAtMostTheSlowTime() throws Exception {
        // a mark well past what the kernel's socket buffers take (4 MiB at most by default), so bytes stay queued
        Address w = writer(SlowPeer.REFUSE, 16 * 1024 * 1024, LOW);
        try (Socket s = deaf((Integer) call(w, "port"))) {
            await().atMost(WAIT).until(() -> (Boolean) call(w, "ready"));
            call(w, "flood", 400, CHUNK);
            assertThat(unsent()).isGreaterThan(HIGH);
            long before = System.nanoTime();
            call(w, "close");   // skynet's close: flush, then close; this client never takes the rest

            await().atMost(WAIT).until(() -> ((List<?>) call(w, "events")).contains("closed"));
            assertThat(Duration.ofNanos(System.nanoTime() - before)).isGreaterThanOrEqualTo(SLOW);
            assertThat(drainsToTheEnd(s.getInputStream())).isTrue();
        }
        assertThat(incidents("socket.closed.slow")).isEqualTo(1);
        await().atMost(WAIT).until(() -> driver.netstat().connections() == 0);
    }

    @Test
    void writesThatComeBeforeTheMarkAreAllDelivered() throws Exception {
        Address w = writer(SlowPeer.CLOSE);
        try (Socket s = deaf((Integer) call(w, "port"))) {
            await().atMost(WAIT).until(() -> (Boolean) call(w, "ready"));
            assertThat((Integer) call(w, "flood", 3, CHUNK)).isEqualTo(3);
            readFully(s.getInputStream(), 3L * CHUNK);
        }
        assertThat(incidents("socket.write.refused")).isZero();
    }

    @Test
    void marksThatLeaveNoGapOrNoPolicyAreRefusedWithTheirNames() {
        assertThatThrownBy(() -> SocketOptions.defaults().withSendLimit(1000, 2000))
                .hasMessage("sendLow must be 0..1000 (sendHigh), was 2000");
        assertThatThrownBy(() -> SocketOptions.defaults().withSlowPeer(null))
                .hasMessageContaining("slowPeer must be REFUSE, DROP or CLOSE");
        assertThatThrownBy(() -> SocketOptions.defaults().withSlowTime(Duration.ZERO))
                .hasMessageContaining("slowTime must be positive");
    }

    static void readFully(InputStream in, long n) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            assertThat(r).as("bytes still to come: " + left).isPositive();
            left -= r;
        }
    }

    /** Reads until the server's close (EOF or reset); false if the read deadline passes first. */
    static boolean drainsToTheEnd(InputStream in) {
        byte[] buf = new byte[64 * 1024];
        try {
            while (in.read(buf) >= 0) {
                // what was sent before the close
            }
            return true;
        } catch (java.net.SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
