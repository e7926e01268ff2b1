package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.io.BufferedReader;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code abandon} + {@code start}: a login service reads a client's first line, then hands the
 * connection to an agent; bytes the client sent in the same packet are not lost.
 */
class AbandonTest extends SocketFixture {

    /** Reads the greeting, abandons the connection and sends its id to the agent. */
    static final class Login implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private Listener listener;

        Login(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object init(Object[] args) {
            Address agent = (Address) args[0];
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (accepted, addr) -> {
                    Connection conn = sockets.start(accepted);
                    conn.readLine().subscribe(hello -> {
                        inside(ctx, "login readLine");
                        conn.abandon();
                        boolean stale = conn.write("must not be sent\n");
                        ctx.send(agent, "take", conn.id(), hello, stale);
                    });
                });
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return listener.port();
        }
    }

    /** Starts the handed-over connection and echoes its lines. */
    static final class Agent implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<String> seen = new ArrayList<>();

        Agent(ServiceContext ctx) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            switch (command) {
                case "take" -> {
                    seen.add("hello=" + args[1] + " staleWrite=" + args[2]);
                    Connection conn = sockets.start((Integer) args[0]);
                    conn.write("welcome " + args[1] + "\n");
                    loop(conn);
                    return null;
                }
                case "seen" -> {
                    return List.copyOf(seen);
                }
                default -> throw new IllegalArgumentException(command);
            }
        }

        private void loop(Connection conn) {
            conn.readLine().subscribe(line -> {
                inside(ctx, "agent readLine");
                seen.add(line);
                conn.write("agent: " + line + "\n");
                loop(conn);
            });
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHandedOverConnectionKeepsItsBufferedBytes() throws Exception {
        rt.template("agent", Agent::new);
        rt.template("login", Login::new);
        Address agent = start("agent");
        Address login = start("login", agent);

        try (Socket s = client((Integer) call(login, "port"))) {
            BufferedReader in = lines(s);
            send(s, "alice\nfirst\nsecond\n");   // one packet: two lines arrive with the greeting
            assertThat(in.readLine()).isEqualTo("welcome alice");
            assertThat(in.readLine()).isEqualTo("agent: first");
            assertThat(in.readLine()).isEqualTo("agent: second");
            send(s, "third\n");
            assertThat(in.readLine()).isEqualTo("agent: third");
        }
        await().atMost(WAIT).until(() -> ((List<?>) call(agent, "seen")).size() == 4);
        assertThat((List<Object>) call(agent, "seen"))
                .containsExactly("hello=alice staleWrite=false", "first", "second", "third");
    }

    @Test
    void aConnectionOwnedByAnotherServiceCannotBeStarted() throws Exception {
        rt.template("echo", TcpEchoTest.EchoServer::new);
        Address echo = start("echo");
        rt.template("thief", ctx -> (cmd, args) -> Sockets.of(ctx).start((Integer) args[0]));
        Address thief = start("thief");
        try (Socket s = client((Integer) call(echo, "port"))) {
            send(s, "x\n");
            lines(s).readLine();
            int id = firstConnectionId();
            String error = rt.call(thief, "start", id).map(Object::toString)
                    .onErrorResume(e -> Mono.just(e.getMessage())).block(WAIT);
            assertThat(error).contains("is owned by " + echo).contains("must abandon() it first");
        }
    }

    private int firstConnectionId() {
        rt.template("stat", ctx -> (cmd, args) -> Sockets.of(ctx).netstat());
        NetStat stat = (NetStat) call(start("stat"), "netstat");
        return stat.sockets().stream().filter(s -> s.kind().equals("tcp")).findFirst().orElseThrow().id();
    }
}
