package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code socket.open}: a connect that works, one that is refused, and a malformed address. */
class ConnectTest extends SocketFixture {

    private Address dialer() {
        rt.template("dialer", ctx -> new ServiceHandler() {
            final Sockets sockets = Sockets.of(ctx);

            @Override
            public Object dispatch(String command, Object[] args) {
                return switch (command) {
                    case "open" -> sockets.open((String) args[0]).map(c -> {
                        inside(ctx, "open");
                        c.write("hi\n");
                        return c.remote();
                    });
                    case "ping" -> "pong";
                    default -> throw new IllegalArgumentException(command);
                };
            }
        });
        return start("dialer");
    }

    private String outcome(Address dialer, String address) {
        return rt.call(dialer, "open", address).map(Object::toString)
                .onErrorResume(e -> Mono.just("error: " + e.getMessage())).block(WAIT);
    }

    @Test
    void openConnectsAndWrites() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            Address dialer = dialer();
            assertThat(outcome(dialer, "127.0.0.1:" + server.getLocalPort()))
                    .isEqualTo("127.0.0.1:" + server.getLocalPort());
            try (Socket accepted = server.accept()) {
                accepted.setSoTimeout((int) WAIT.toMillis());
                assertThat(lines(accepted).readLine()).isEqualTo("hi");
            }
        }
    }

    @Test
    void refusedConnectNamesTheAddressAndTheServiceKeepsRunning() throws Exception {
        int port = closedPort();
        Address dialer = dialer();

        assertThat(outcome(dialer, "127.0.0.1:" + port))
                .startsWith("error:")
                .contains("open 127.0.0.1:" + port + " failed: Connection refused");
        assertThat(call(dialer, "ping")).isEqualTo("pong");
    }

    @Test
    void anAddressWithoutPortIsRefusedClearly() {
        Address dialer = dialer();
        assertThat(outcome(dialer, "127.0.0.1")).contains("expected host:port");
    }
}
