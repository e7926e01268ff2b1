package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.net.Socket;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The seed's TCP server (4.2) and client (4.1): listen, accept, readline, write, and the other way round. */
class TcpEchoTest extends SocketFixture {

    /** Seed 4.2: echo every line back with a prefix; forget the client when it leaves. */
    static final class EchoServer implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final Map<Integer, String> clients = new HashMap<>();
        private Listener listener;

        EchoServer(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (conn, addr) -> {
                    inside(ctx, "accept");
                    clients.put(conn.id(), addr);
                    handleClient(sockets.start(conn));
                });
            });
        }

        private void handleClient(Connection conn) {
            conn.readLine().doOnSuccess(line -> {
                inside(ctx, "readLine");
                if (line == null) {
                    clients.remove(conn.id());
                    ctx.log("client gone:", conn.id());
                    return;
                }
                conn.write("服务器已收到: " + line + "\n");
                handleClient(conn);
            }).subscribe();
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "clients" -> clients.size();
                default -> throw new IllegalArgumentException("unknown command " + command);
            };
        }
    }

    /** Seed 4.1: connect, say hello, collect every line the server sends. */
    static final class EchoClient implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> received = new ArrayList<>();
        private Connection conn;

        EchoClient(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.open("127.0.0.1", (Integer) args[0]).doOnNext(c -> {
                inside(ctx, "open");
                conn = c;
                conn.write("Hello Server\n");
                readLoop();
            });
        }

        private void readLoop() {
            conn.readLine().doOnSuccess(line -> {
                inside(ctx, "client readLine");
                if (line == null) {
                    received.add("<closed>");
                    return;
                }
                received.add(line);
                readLoop();
            }).subscribe();
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "say" -> conn.write(args[0] + "\n");
                case "received" -> List.copyOf(received);
                case "close" -> {
                    conn.close();
                    yield true;
                }
                default -> throw new IllegalArgumentException("unknown command " + command);
            };
        }
    }

    @Test
    void echoServerAnswersEveryLineOfARawClient() throws Exception {
        rt.template("echo", EchoServer::new);
        Address echo = start("echo");
        int port = (Integer) call(echo, "port");

        try (Socket s = client(port)) {
            BufferedReader in = lines(s);
            send(s, "hello\nworld\n");
            assertThat(in.readLine()).isEqualTo("服务器已收到: hello");
            assertThat(in.readLine()).isEqualTo("服务器已收到: world");
            await().atMost(WAIT).until(() -> (Integer) call(echo, "clients") == 1);
        }
        await().atMost(WAIT).until(() -> (Integer) call(echo, "clients") == 0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void clientServiceTalksToServerService() {
        rt.template("echo", EchoServer::new);
        rt.template("client", EchoClient::new);
        Address echo = start("echo");
        Address client = start("client", call(echo, "port"));

        call(client, "say", "ping");
        await().atMost(WAIT).until(() -> ((List<?>) call(client, "received")).size() == 2);
        assertThat((List<Object>) call(client, "received"))
                .containsExactly("服务器已收到: Hello Server", "服务器已收到: ping");

        call(client, "close");
        await().atMost(WAIT).until(() -> (Integer) call(echo, "clients") == 0);
        assertThat((List<Object>) call(client, "received")).last().isEqualTo("<closed>");
    }

    @Test
    void listenOnPortZeroReportsTheRealPortAndNetstatShowsIt() {
        rt.template("echo", EchoServer::new);
        Address echo = start("echo");
        int port = (Integer) call(echo, "port");

        assertThat(port).isPositive();
        rt.template("probe", ctx -> (cmd, args) -> Sockets.of(ctx).netstat());
        NetStat stat = (NetStat) call(start("probe"), "netstat");
        assertThat(stat.sockets()).anySatisfy(s -> {
            assertThat(s.kind()).isEqualTo("listen");
            assertThat(s.local()).endsWith(":" + port);
            assertThat(s.holder()).isEqualTo(echo);
        });
    }

    @Test
    void aPortInUseFailsListenWithTheAddress() {
        rt.template("echo", EchoServer::new);
        int port = (Integer) call(start("echo"), "port");
        rt.template("second", ctx -> new ServiceHandler() {
            @Override
            public Object dispatch(String command, Object[] args) {
                return Sockets.of(ctx).listen("127.0.0.1", port).map(Listener::port);
            }
        });
        Address second = start("second");

        assertThat(rt.call(second, "listen").map(Object::toString)
                .onErrorResume(e -> Mono.just("error: " + e.getMessage())).block(WAIT))
                .startsWith("error:").contains("Listen error").contains("127.0.0.1:" + port);
        assertThat(rt.resolve(second.toString())).isPresent();
    }
}
