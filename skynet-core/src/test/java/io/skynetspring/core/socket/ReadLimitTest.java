package io.skynetspring.core.socket;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import java.net.Socket;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A slow reader: a client floods a service that does not read. Reading pauses at the read limit,
 * so the bytes held stay bounded; once the service reads, every byte arrives.
 */
class ReadLimitTest extends SocketFixture {

    static final int LIMIT = 64 * 1024;
    static final int FLOOD = 8 * 1024 * 1024;

    private final SocketDriver driver = SocketDriver.start(SocketOptions.defaults().withReadLimit(LIMIT));

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    /** Starts every client but reads only when told to, then counts everything until EOF. */
    static final class Lazy implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private Listener listener;
        private Connection conn;
        private long total;

        Lazy(ServiceContext ctx, SocketDriver driver) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx, driver);
        }

        @Override
        public Object init(Object[] args) {
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (c, addr) -> conn = sockets.start(c));
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "connected" -> conn != null;
                case "drain" -> {
                    Sinks.One<Long> done = Sinks.one();
                    drain(done);
                    yield done.asMono();
                }
                default -> throw new IllegalArgumentException(command);
            };
        }

        private void drain(Sinks.One<Long> done) {
            conn.read().doOnSuccess(chunk -> {
                inside(ctx, "read");
                if (chunk == null) {
                    done.tryEmitValue(total);
                    return;
                }
                total += chunk.length;
                drain(done);
            }).subscribe();
        }
    }

    @Test
    void aFloodPausesReadingAtTheLimitAndNothingIsLost() throws Exception {
        rt.template("lazy", ctx -> new Lazy(ctx, driver));
        Address lazy = start("lazy");
        int port = (Integer) call(lazy, "port");

        try (Socket s = client(port)) {
            CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                try {
                    byte[] chunk = new byte[64 * 1024];
                    for (int sent = 0; sent < FLOOD; sent += chunk.length) {
                        s.getOutputStream().write(chunk);
                    }
                    s.shutdownOutput();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().atMost(WAIT).until(() -> (Boolean) call(lazy, "connected"));
            await("reading pauses at the limit").atMost(WAIT).until(() -> driver.netstat().unread() >= LIMIT);
            for (int i = 0; i < 20; i++) {
                // paused: one read in flight may overshoot the limit by a buffer, never more
                assertThat(driver.netstat().unread()).isLessThanOrEqualTo(LIMIT + 64 * 1024);
            }

            Long total = rt.call(lazy, "drain", Long.class).block(WAIT.multipliedBy(3));
            writer.get();
            assertThat(total).isEqualTo(FLOOD);
        }
        await().atMost(WAIT).until(() -> driver.netstat().connections() == 0);
        assertThat(driver.netstat().unread()).isZero();
    }
}
