package io.skynetspring.core.socket;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 1,000 clients connect to a gate at once, each with its own agent, talk, and leave at once.
 * Afterwards nothing is left: no connection, no buffered byte, no agent, and Netty's paranoid
 * leak detector reports no buffer that was never released.
 */
class ThousandClientsTest extends GateFixture {

    static final int CLIENTS = 1000;

    private final ListAppender<ILoggingEvent> leaks = new ListAppender<>();
    private final Logger leakLogger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
    private ResourceLeakDetector.Level level;

    @BeforeEach
    void paranoid() {
        level = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        leaks.start();
        leakLogger.addAppender(leaks);
    }

    @AfterEach
    void relaxed() {
        leakLogger.detachAppender(leaks);
        ResourceLeakDetector.setLevel(level);
    }

    @Test
    void aThousandClientsComeAndGoAndNothingIsLeft() throws Exception {
        rt.template("gate", Gate.template());
        int port = openGate("gate", Map.of());
        rt.template("stat", ctx -> (cmd, args) -> Sockets.of(ctx).netstat());
        var stat = start("stat");

        List<Socket> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(client(port));
            }
            for (int i = 0; i < CLIENTS; i++) {
                writeFrame(clients.get(i).getOutputStream(), ("client " + i).getBytes(StandardCharsets.UTF_8));
            }
            for (int i = 0; i < CLIENTS; i++) {
                assertThat(new String(readFrame(clients.get(i)), StandardCharsets.UTF_8)).isEqualTo("client " + i);
            }
            assertThat(((NetStat) call(stat, "netstat")).connections()).isEqualTo(CLIENTS);
        } finally {
            for (Socket s : clients) {
                s.close();
            }
        }

        await().atMost(WAIT.multipliedBy(2)).until(() -> ((NetStat) call(stat, "netstat")).connections() == 0);
        NetStat after = (NetStat) call(stat, "netstat");
        assertThat(after.unread()).isZero();
        assertThat(after.unsent()).isZero();
        await().atMost(WAIT).until(() -> (Integer) call(watchdog, "agents") == 0);
        assertThat(events().stream().filter(e -> e.toString().startsWith("close"))).hasSize(CLIENTS);

        // leaks are reported when a collected buffer's tracker is polled by a later allocation
        for (int i = 0; i < 5; i++) {
            System.gc();
            PooledByteBufAllocator.DEFAULT.directBuffer(64).release();
            PooledByteBufAllocator.DEFAULT.heapBuffer(64).release();
        }
        assertThat(leaks.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("LEAK"));
    }
}
