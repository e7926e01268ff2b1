package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.Isolation;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A peer that half-closes (its request is answered, then the connection closes) and one that resets. */
class PeerCloseTest extends SocketFixture {

    /** Reads a whole request until the client's EOF and answers it; records closes. */
    static final class Answerer implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> events = new ArrayList<>();
        private Listener listener;

        Answerer(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (accepted, addr) -> {
                    Connection conn = sockets.start(accepted);
                    conn.onClose(() -> {
                        inside(ctx, "onClose");
                        events.add("closed " + conn.id());
                    });
                    if (args.length > 0 && args[0].equals("line")) {
                        conn.readLine().doOnSuccess(line -> events.add(line == null ? "eof" : "line " + line))
                                .subscribe();
                        return;
                    }
                    conn.readAll().subscribe(body -> {
                        inside(ctx, "readAll");
                        String text = new String(body, StandardCharsets.UTF_8);
                        events.add("request " + text);
                        conn.write("got " + body.length + " bytes: " + text);
                    });
                });
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "events" -> List.copyOf(events);
                default -> throw new IllegalArgumentException(command);
            };
        }
    }

    private Address answerer;

    private int port(Object... args) {
        rt.template("answerer", Answerer::new);
        answerer = start("answerer", args);
        return (Integer) call(answerer, "port");
    }

    private List<?> events() {
        return (List<?>) call(answerer, "events");
    }

    @Test
    void aHalfClosedPeerGetsItsAnswerThenTheConnectionCloses() throws Exception {
        int port = port();
        try (Socket s = client(port)) {
            s.getOutputStream().write("request body".getBytes(StandardCharsets.UTF_8));
            s.shutdownOutput();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream reply = new ByteArrayOutputStream();
            in.transferTo(reply);   // ends at the server's close
            assertThat(reply.toString(StandardCharsets.UTF_8)).isEqualTo("got 12 bytes: request body");
        }
        await().atMost(WAIT).until(() -> events().size() == 2);
        assertThat(events().get(0)).isEqualTo("request request body");
        assertThat((String) events().get(1)).startsWith("closed ");
        await().atMost(WAIT).until(() -> rtSockets().netstat().connections() == 0);
    }

    @Test
    void aResetEndsThePendingReadAndCloses() throws Exception {
        int port = port("line");
        try (Socket s = client(port)) {
            s.getOutputStream().write("no newline".getBytes(StandardCharsets.UTF_8));
            s.getOutputStream().flush();
            s.setSoLinger(true, 0);   // close sends RST
        }
        await().atMost(WAIT).until(() -> events().size() == 2);
        assertThat(events().get(0)).isEqualTo("eof");
        assertThat((String) events().get(1)).startsWith("closed ");
        NetStat stat = rtSockets().netstat();
        assertThat(stat.connections()).isZero();
        assertThat(stat.unread()).isZero();
        assertThat(call(answerer, "port")).isEqualTo(port);   // the service keeps running
    }

    /**
     * Thirty in a row, each seen to end. On io_uring with Netty's multishot POLLIN one in five waited
     * until the runtime closed it: its data and close arrived while a read was already queued.
     */
    @Test
    void everyOneOfManyPeersThatSendAndResetIsSeenToClose() throws Exception {
        int port = port("line");
        int peers = 30;
        for (int i = 0; i < peers; i++) {
            try (Socket s = client(port)) {
                s.getOutputStream().write("no newline".getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
                s.setSoLinger(true, 0);
            }
        }
        await().atMost(WAIT).until(() -> events().size() == 2 * peers);
        assertThat(events().stream().filter("eof"::equals).count()).isEqualTo(peers);
        assertThat(rtSockets().netstat().connections()).isZero();
    }

    private Sockets rtSockets() {
        // the service's own Sockets is handed out on purpose: a copying service would refuse it
        rt.template("netstat", ServiceTemplate.with(Isolation.SHARE, ctx -> (cmd, args) -> Sockets.of(ctx)));
        return (Sockets) call(start("netstat"), "get");
    }
}
