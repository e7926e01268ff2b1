package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code read(n, timeout)} and {@code readLine(timeout)} (#13): a read that times out fails with a
 * {@link ReadTimeoutException} naming the connection and the service, delivered inside the service
 * (a skynet worker, never Reactor's {@code parallel} threads); the bytes it was waiting on stay
 * buffered for the next read, and a read that completes in time leaves no timer behind.
 */
class ReadTimeoutTest extends SocketFixture {

    private final SocketDriver driver = SocketDriver.start(SocketOptions.defaults());

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    /** Takes one client and reads it only when told; says how each read ended and on which thread. */
    static final class Asker implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> threads = new ArrayList<>();
        private Listener listener;
        private Connection conn;
        private int timeouts;

        Asker(ServiceContext ctx, SocketDriver driver) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx, driver);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (fresh, addr) -> conn = sockets.start(fresh));
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "connected" -> conn != null;
                case "id" -> conn.id();
                case "readLine" -> outcome(conn.readLine(millis(args[0])));
                case "readLineBy" -> outcome(conn.readLine((String) args[0], millis(args[1])));
                case "read" -> outcome(conn.read((Integer) args[0], millis(args[1]))
                        .map(b -> new String(b, StandardCharsets.UTF_8)));
                case "threads" -> List.copyOf(threads);
                case "timeouts" -> timeouts;
                default -> throw new IllegalArgumentException(command);
            };
        }

        private static Duration millis(Object ms) {
            return Duration.ofMillis((Integer) ms);
        }

        private Mono<String> outcome(Mono<String> read) {
            return read.map(v -> {
                inside(ctx, "read");
                threads.add(Thread.currentThread().getName());
                return "got " + v;
            }).onErrorResume(e -> {
                inside(ctx, "read error");
                threads.add(Thread.currentThread().getName());
                if (e instanceof ReadTimeoutException) {
                    timeouts++;
                }
                return Mono.just(e.getClass().getSimpleName() + ": " + e.getMessage());
            });
        }
    }

    private Address asker;

    private Socket connect() throws Exception {
        rt.template("asker", ctx -> new Asker(ctx, driver));
        asker = start("asker");
        Socket s = client((Integer) call(asker, "port"));
        await().atMost(WAIT).until(() -> (Boolean) call(asker, "connected"));
        return s;
    }

    private String ask(Object... args) {
        return rt.call(asker, (String) args[0], String.class, java.util.Arrays.copyOfRange(args, 1, args.length))
                .block(WAIT);
    }

    @Test
    void aReadLineThatTimesOutFailsInsideTheServiceAndThePartialLineStaysForTheNextRead() throws Exception {
        try (Socket s = connect()) {
            send(s, "hel");
            await().atMost(WAIT).until(() -> driver.netstat().unread() == 3);
            int id = (Integer) call(asker, "id");

            assertThat(ask("readLine", 200)).startsWith("ReadTimeoutException: ")
                    .contains("readLine on connection " + id + " (127.0.0.1:" + s.getLocalPort() + ")")
                    .contains("service " + asker).contains("200 ms").contains("3 bytes");
            assertThat(call(asker, "timeouts")).isEqualTo(1);

            send(s, "lo\n");
            assertThat(ask("readLine", 5000)).isEqualTo("got hello");
            assertThat((List<?>) call(asker, "threads")).hasSize(2)
                    .allSatisfy(t -> assertThat(t.toString()).startsWith("skynet-worker-"));
        }
    }

    @Test
    void aReadThatCompletesInTimeLeavesNoTimerBehind() throws Exception {
        try (Socket s = connect(); Dribbler peer = new Dribbler()) {
            peer.later(s, Duration.ofMillis(100), "a\r\n".getBytes(StandardCharsets.UTF_8));
            assertThat(ask("readLineBy", "\r\n", 1000)).isEqualTo("got a");
            // a later read that times out: had the first one's timer survived, it would have rung first
            assertThat(ask("read", 4, 1200)).startsWith("ReadTimeoutException: ").contains("read(4)");
            assertThat(call(asker, "timeouts")).isEqualTo(1);
        }
    }

    @Test
    void readOfNBytesWaitsForAllOfThemAndAfterATimeoutTheNextReadGetsThem() throws Exception {
        try (Socket s = connect(); Dribbler peer = new Dribbler()) {
            send(s, "ab");
            peer.later(s, Duration.ofMillis(150), "cd".getBytes(StandardCharsets.UTF_8));
            assertThat(ask("read", 4, 5000)).isEqualTo("got abcd");

            send(s, "wx");
            assertThat(ask("read", 4, 150)).startsWith("ReadTimeoutException: ");
            send(s, "yz");
            assertThat(ask("read", 4, 5000)).isEqualTo("got wxyz");
            assertThat((List<?>) call(asker, "threads")).hasSize(3)
                    .allSatisfy(t -> assertThat(t.toString()).startsWith("skynet-worker-"));
        }
    }

    @Test
    void aTimeoutThatIsNotPositiveIsRefused() throws Exception {
        try (Socket s = connect()) {
            assertThat(ask("readLine", 0)).startsWith("IllegalArgumentException: ").contains("timeout");
            assertThat(ask("read", 4, -5)).startsWith("IllegalArgumentException: ").contains("timeout");
        }
    }
}
