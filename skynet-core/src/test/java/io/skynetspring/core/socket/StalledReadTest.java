package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stalled and silent peers of a plain TCP service (#12): a line or a {@code read(n)} whose bytes
 * began but do not finish within the stall timeout closes the connection, fails the read inside
 * the service with the reason and is counted; a line finished late but in time is served, a pause
 * between lines is no stall; the idle timeout closes a silent connection and not an active one.
 */
class StalledReadTest extends SocketFixture {

    static final Duration STALL = Duration.ofSeconds(1);
    static final Duration IDLE = Duration.ofSeconds(1);
    static final Duration RETRY = Duration.ofMillis(200);

    private final SocketDriver driver = SocketDriver.start(SocketOptions.defaults().withStallTimeout(STALL));
    private final SocketDriver idleDriver = SocketDriver.start(SocketOptions.defaults().withIdleTimeout(IDLE));

    @AfterEach
    void closeDrivers() {
        driver.close();
        idleDriver.close();
    }

    /**
     * Echoes each line back with a newline, recording errors and closes. Modes: {@code "line"};
     * {@code "exact:n"} echoes each {@code read(n)}; {@code "retry"} reads lines with a short
     * timeout and asks again after each; {@code "manual"} reads only when told ({@code read i n}:
     * n bytes from the i-th client).
     */
    static final class Echo implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> seen = new ArrayList<>();
        private Listener listener;
        private String mode;
        private final List<Connection> accepted = new ArrayList<>();

        Echo(ServiceContext ctx, SocketDriver driver) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx, driver);
        }

        @Override
        public Object init(Object[] args) {
            mode = (String) args[0];
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (fresh, addr) -> {
                    Connection c = sockets.start(fresh);
                    c.onClose(() -> {
                        inside(ctx, "onClose");
                        seen.add("closed " + c.id());
                    });
                    accepted.add(c);
                    if (!mode.equals("manual")) {
                        loop(c);
                    }
                });
            });
        }

        private void loop(Connection c) {
            Mono<String> next = switch (mode) {
                case "line" -> c.readLine();
                case "retry" -> c.readLine(RETRY).onErrorResume(ReadTimeoutException.class, e -> {
                    inside(ctx, "read timeout");
                    seen.add("timeout " + c.id());
                    return Mono.just("");
                });
                default -> c.read(Integer.parseInt(mode.substring("exact:".length())))
                        .map(b -> new String(b, StandardCharsets.UTF_8));
            };
            next.subscribe(v -> {
                inside(ctx, "read");
                if (!v.isEmpty()) {
                    c.write(v + "\n");
                }
                loop(c);
            }, e -> {
                inside(ctx, "read error");
                seen.add("error " + c.id() + ": " + e.getMessage());
            }, () -> seen.add("end " + c.id()));
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "seen" -> List.copyOf(seen);
                case "accepted" -> accepted.size();
                case "read" -> accepted.get((Integer) args[0]).read((Integer) args[1])
                        .map(b -> new String(b, StandardCharsets.UTF_8));
                default -> throw new IllegalArgumentException(command);
            };
        }
    }

    private Address echo;

    private int echo(SocketDriver on, Object... args) {
        rt.template("echo", ctx -> new Echo(ctx, on));
        echo = start("echo", args);
        return (Integer) call(echo, "port");
    }

    @SuppressWarnings("unchecked")
    private List<String> seen() {
        return (List<String>) call(echo, "seen");
    }

    private long count(String kind) {
        return rt.incidents().count(kind);
    }

    @Test
    void aLineThatStallsClosesTheConnectionAndFailsTheReadInsideTheService() throws Exception {
        int port = echo(driver, "line");
        try (Socket s = client(port)) {
            send(s, "a line that never ends");
            long sent = System.nanoTime();
            await("the service holds the unfinished line").atMost(WAIT)
                    .until(() -> driver.netstat().unread() == "a line that never ends".length());

            Dribbler.closedByServer(s);
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(STALL);
        }
        await().atMost(WAIT).until(() -> count("socket.closed.stalled") == 1);
        await().atMost(WAIT).until(() -> seen().size() == 2);
        assertThat(seen().get(0)).startsWith("error ").contains("of service " + echo)
                .contains("did not finish it within " + STALL.toMillis() + " ms (SocketOptions.stallTimeout)");
        assertThat(seen().get(1)).startsWith("closed ");
        assertThat(driver.netstat().connections()).isZero();
        assertThat(driver.netstat().unread()).isZero();
    }

    @Test
    void aReadOfNBytesDribbledOneByteAtATimeIsCutAtTheDeadline() throws Exception {
        int port = echo(driver, "exact:1000");
        try (Socket s = client(port); Dribbler peer = new Dribbler()) {
            long first = System.nanoTime();
            peer.dribble(s, STALL.dividedBy(12));

            Dribbler.closedByServer(s);
            assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(STALL);
            assertThat(peer.dribbled.get()).isGreaterThan(5);
        }
        await().atMost(WAIT).until(() -> count("socket.closed.stalled") == 1);
        await().atMost(WAIT).until(() -> seen().size() == 2);
        assertThat(seen().get(0)).startsWith("error ").contains("did not finish");
    }

    @Test
    void aServiceThatRetriesReadLineWithATimeoutDoesNotShieldADribbler() throws Exception {
        int port = echo(driver, "retry");
        try (Socket s = client(port); Dribbler peer = new Dribbler()) {
            long first = System.nanoTime();
            peer.dribble(s, STALL.dividedBy(12));
            Dribbler.closedByServer(s);
            assertThat(Duration.ofNanos(System.nanoTime() - first)).isGreaterThanOrEqualTo(STALL);
        }
        await().atMost(WAIT).until(() -> count("socket.closed.stalled") == 1);
        await().atMost(WAIT).until(() -> seen().stream().anyMatch(e -> e.startsWith("closed ")));
        assertThat(seen()).filteredOn(e -> e.startsWith("timeout ")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(seen()).anyMatch(e -> e.startsWith("error ") && e.contains("did not finish"));
    }

    @Test
    void aLineFinishedLateButInTimeIsServedAndAPauseBetweenLinesIsNoStall() throws Exception {
        int port = echo(driver, "line");
        try (Socket s = client(port); Dribbler peer = new Dribbler()) {
            BufferedReader in = lines(s);
            send(s, "hel");
            peer.later(s, STALL.dividedBy(4), "lo\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("hello");

            // a second client stalls; once it is cut, the first has been quiet between lines for longer
            try (Socket other = client(port)) {
                send(other, "x");
                Dribbler.closedByServer(other);
            }
            send(s, "still here\n");
            assertThat(in.readLine()).isEqualTo("still here");
            assertThat(count("socket.closed.stalled")).isEqualTo(1);
        }
    }

    @Test
    void bytesNobodyAskedForAreNoStallTheClockStartsWithTheRead() throws Exception {
        int port = echo(driver, "manual");
        try (Socket s = client(port); Dribbler peer = new Dribbler()) {
            send(s, "abc");
            await().atMost(WAIT).until(() -> driver.netstat().unread() == 3);
            try (Socket other = client(port)) {
                await().atMost(WAIT).until(() -> (Integer) call(echo, "accepted") == 2);
                // the clock: the deadline has passed once this read is cut
                rt.call(echo, "read", 1, 8).subscribe(v -> { }, e -> { });
                send(other, "x");
                Dribbler.closedByServer(other);
            }
            // the service asks long after "abc" came; the rest comes a little later still
            peer.later(s, STALL.dividedBy(4), "defgh".getBytes(StandardCharsets.UTF_8));
            assertThat(rt.call(echo, "read", String.class, 0, 8).block(WAIT)).isEqualTo("abcdefgh");
            assertThat(count("socket.closed.stalled")).isEqualTo(1);
        }
    }

    @Test
    void theIdleTimeoutClosesASilentConnectionAndNotAnActiveOne() throws Exception {
        int port = echo(idleDriver, "line");
        long opened = System.nanoTime();
        try (Socket silent = client(port); Socket active = client(port)) {
            BufferedReader in = lines(active);
            AtomicInteger exchanges = new AtomicInteger();
            await().atMost(WAIT).pollInterval(IDLE.dividedBy(10)).until(() -> {
                String ping = "ping " + exchanges.incrementAndGet();
                send(active, ping + "\n");
                assertThat(in.readLine()).isEqualTo(ping);
                return count("socket.closed.idle") > 0;
            });
            Dribbler.closedByServer(silent);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(IDLE);
            send(active, "after\n");
            assertThat(in.readLine()).isEqualTo("after");
            assertThat(count("socket.closed.idle")).isEqualTo(1);
        }
        await().atMost(WAIT).until(() -> seen().stream().anyMatch(e -> e.contains("no bytes from the peer for "
                + IDLE.toMillis() + " ms (SocketOptions.idleTimeout)")));
    }
}
