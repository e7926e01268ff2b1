package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code readline}, {@code read(n)}, {@code read()} and {@code readall} over the ways TCP cuts a
 * stream: split packets, coalesced packets, a peer closing mid-line, and a line over the limit.
 */
class ReadTest extends SocketFixture {

    private final SocketDriver driver = SocketDriver.start(SocketOptions.defaults().withMaxLine(16));

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    /** Accepts one client and reads it in a loop with one kind of read, recording what each read gave. */
    static final class Reader implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> seen = new ArrayList<>();
        private Listener listener;
        private String mode;
        private String param;

        Reader(ServiceContext ctx, SocketDriver driver) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx, driver);
        }

        @Override
        public Object init(Object[] args) {
            mode = (String) args[0];
            param = args.length > 1 ? (String) args[1] : null;
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (conn, addr) -> loop(sockets.start(conn)));
            });
        }

        private Mono<String> next(Connection c) {
            return switch (mode) {
                case "line" -> c.readLine(param);
                case "exact" -> c.read(Integer.parseInt(param)).map(String::new);
                case "some" -> c.read().map(String::new);
                case "all" -> c.readAll().map(String::new);
                default -> throw new IllegalArgumentException(mode);
            };
        }

        private void loop(Connection c) {
            next(c).doOnSuccess(v -> {
                inside(ctx, "read");
                if (v == null) {
                    // the peer closed; skynet's "false, rest"
                    seen.add("end rest=" + new String(c.rest(), StandardCharsets.UTF_8));
                    return;
                }
                seen.add(v);
                if (!mode.equals("all")) {
                    loop(c);
                }
            }).subscribe(v -> { }, e -> {
                inside(ctx, "read error");
                seen.add("error: " + e.getMessage());
                c.close();
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "seen" -> List.copyOf(seen);
                default -> throw new IllegalArgumentException(command);
            };
        }
    }

    private int reader(String mode, String param) {
        rt.template("reader", ctx -> new Reader(ctx, driver));
        Address r = param == null ? start("reader", mode) : start("reader", mode, param);
        this.reader = r;
        return (Integer) call(r, "port");
    }

    private Address reader;

    @SuppressWarnings("unchecked")
    private List<Object> seenOnceItHas(int n) {
        await().atMost(WAIT).until(() -> ((List<?>) call(reader, "seen")).size() >= n);
        return (List<Object>) call(reader, "seen");
    }

    private static void sendPieces(Socket s, String... pieces) throws Exception {
        OutputStream out = s.getOutputStream();
        for (String p : pieces) {
            out.write(p.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }
    }

    @Test
    void readLineJoinsSplitPackets() throws Exception {
        int port = reader("line", "\n");
        try (Socket s = client(port)) {
            sendPieces(s, "hel", "lo\nwo", "r", "ld\n");
            assertThat(seenOnceItHas(2)).containsExactly("hello", "world");
        }
    }

    @Test
    void readLineSplitsCoalescedPackets() throws Exception {
        int port = reader("line", "\n");
        try (Socket s = client(port)) {
            sendPieces(s, "a\nb\n\nc\n");
            assertThat(seenOnceItHas(4)).containsExactly("a", "b", "", "c");
        }
    }

    @Test
    void aTwoByteSeparatorMayBeCutBetweenPackets() throws Exception {
        int port = reader("line", "\r\n");
        try (Socket s = client(port)) {
            sendPieces(s, "one\r", "\ntwo\r\nthr", "ee\r", "\n");
            assertThat(seenOnceItHas(3)).containsExactly("one", "two", "three");
        }
    }

    @Test
    void aPeerClosingMidLineEndsTheReadWithTheRest() throws Exception {
        int port = reader("line", "\n");
        try (Socket s = client(port)) {
            sendPieces(s, "whole\npart");
        }
        assertThat(seenOnceItHas(2)).containsExactly("whole", "end rest=part");
    }

    @Test
    void readExactCollectsAcrossPacketsAndLeavesTheRestOnClose() throws Exception {
        int port = reader("exact", "4");
        try (Socket s = client(port)) {
            sendPieces(s, "ab", "cdef", "gh", "ij");
        }
        assertThat(seenOnceItHas(3)).containsExactly("abcd", "efgh", "end rest=ij");
    }

    @Test
    void readAllCollectsUntilThePeerCloses() throws Exception {
        int port = reader("all", null);
        try (Socket s = client(port)) {
            sendPieces(s, "every", "thing", " at once");
        }
        assertThat(seenOnceItHas(1)).containsExactly("everything at once");
    }

    @Test
    void readSomeGivesWhateverArrived() throws Exception {
        int port = reader("some", null);
        try (Socket s = client(port)) {
            sendPieces(s, "xyz");
            assertThat(seenOnceItHas(1)).containsExactly("xyz");
        }
    }

    @Test
    void aLineOverTheLimitFailsTheReadAndTheServiceKeepsRunning() throws Exception {
        int port = reader("line", "\n");
        try (Socket s = client(port)) {
            sendPieces(s, "short\n", "x".repeat(100));
            List<Object> seen = seenOnceItHas(2);
            assertThat(seen.get(0)).isEqualTo("short");
            assertThat((String) seen.get(1)).startsWith("error: connection ")
                    .contains("line longer than 16 bytes");
            // the service closed it after the error
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> driver.netstat().connections() == 0);
        assertThat(driver.netstat().unread()).isZero();
    }
}
