package io.skynetspring.core.socket;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * skynet's send-buffer warning: a service writing to a client that does not read hears about it
 * at 1 MiB unsent, again at each doubling, and with 0 once the client caught up. The driver's
 * send limit is raised past the 24 MiB written here, so no write is refused (WriteBoundTest covers that).
 */
class WarningTest extends SocketFixture {

    static final int MIB = 1024 * 1024;

    private final SocketDriver driver = SocketDriver.start(SocketOptions.defaults().withSendLimit(64 * MIB, MIB));

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    /** Writes {@code n} MiB to its one client when told; records the warnings unless told to leave them to the default. */
    static final class Flooder implements ServiceHandler {
        private final ServiceContext ctx;
        private final Sockets sockets;
        private final List<Long> warnings = new ArrayList<>();
        private Listener listener;
        private Connection conn;

        Flooder(ServiceContext ctx, SocketDriver driver) {
            this.ctx = ctx;
            this.sockets = Sockets.of(ctx, driver);
        }

        @Override
        public Object init(Object[] args) {
            boolean record = args.length == 0;
            return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
                listener = l;
                sockets.start(l, (c, addr) -> {
                    conn = sockets.start(c);
                    if (record) {
                        conn.warning(kib -> {
                            inside(ctx, "warning");
                            warnings.add(kib);
                        });
                    }
                });
            });
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            return switch (command) {
                case "port" -> listener.port();
                case "ready" -> conn != null;
                case "flood" -> {
                    byte[] mib = new byte[MIB];
                    for (int i = 0; i < (Integer) args[0]; i++) {
                        assertThat(conn.write(mib)).isTrue();
                    }
                    yield conn.id();
                }
                case "warnings" -> List.copyOf(warnings);
                default -> throw new IllegalArgumentException(command);
            };
        }
    }

    /** A client with a small receive window, so unsent data piles up on the server side. */
    private static Socket slowClient(int port) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(64 * 1024);
        s.setSoTimeout((int) WAIT.toMillis());
        s.connect(new InetSocketAddress("127.0.0.1", port));
        return s;
    }

    private static void readFully(InputStream in, long n) throws Exception {
        byte[] buf = new byte[256 * 1024];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            assertThat(r).isPositive();
            left -= r;
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void warningsDoubleWhileUnsentDataGrowsAndZeroWhenDrained() throws Exception {
        rt.template("flooder", ctx -> new Flooder(ctx, driver));
        Address flooder = start("flooder");
        try (Socket s = slowClient((Integer) call(flooder, "port"))) {
            await().atMost(WAIT).until(() -> (Boolean) call(flooder, "ready"));
            call(flooder, "flood", 8);
            await().atMost(WAIT).until(() -> ((List<?>) call(flooder, "warnings")).size() >= 1);
            call(flooder, "flood", 16);
            await().atMost(WAIT).until(() -> ((List<?>) call(flooder, "warnings")).size() >= 2);

            readFully(s.getInputStream(), 24L * MIB);
            await().atMost(WAIT).until(() -> {
                List<Long> w = (List<Long>) call(flooder, "warnings");
                return w.get(w.size() - 1) == 0L;
            });
        }
        // each episode (until the kernel took everything) crosses 1 MiB, 2 MiB, 4 MiB, ... and ends with 0
        List<Long> w = (List<Long>) call(flooder, "warnings");
        assertThat(w).last().isEqualTo(0L);
        long threshold = 1024;
        for (long kib : w) {
            if (kib == 0) {
                assertThat(threshold).as("0 only after a warning").isGreaterThan(1024L);
                threshold = 1024;
            } else {
                assertThat(kib).as("a warning at the next doubling").isGreaterThanOrEqualTo(threshold);
                while (threshold <= kib) {
                    threshold *= 2;
                }
            }
        }
        assertThat(w.stream().filter(k -> k > 0)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void withoutACallbackTheWarningIsLoggedAsSkynetDoes() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger logger = (Logger) LoggerFactory.getLogger("skynet.service.quiet-flooder");
        logger.addAppender(log);
        try {
            rt.template("quiet-flooder", ctx -> new Flooder(ctx, driver));
            Address flooder = start("quiet-flooder", "log");
            try (Socket s = slowClient((Integer) call(flooder, "port"))) {
                await().atMost(WAIT).until(() -> (Boolean) call(flooder, "ready"));
                int fd = (Integer) call(flooder, "flood", 16);
                await().atMost(WAIT).until(() -> log.list.stream().anyMatch(e -> e.getFormattedMessage()
                        .matches("\\[" + flooder + "] WARNING: \\d+ K bytes need to send out \\(fd = " + fd + "\\)")));
                readFully(s.getInputStream(), 16L * MIB);
            }
        } finally {
            logger.detachAppender(log);
        }
    }
}
