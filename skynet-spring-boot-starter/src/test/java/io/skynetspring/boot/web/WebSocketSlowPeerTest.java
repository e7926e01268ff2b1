package io.skynetspring.boot.web;

import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.SkynetRuntime;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * #12 finding 1: a service writing 60 KB frames to a client that never reads. The unsent bytes stay
 * under the high-water mark (256 KB here) plus a frame, writes past it are refused, the client is
 * closed with 1008 once it stays above the low mark for slow-close-after (1 s here), and meanwhile
 * other WebSocket clients and plain HTTP requests are served.
 */
@WebAppTest
class WebSocketSlowPeerTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final long HIGH_WATER = 256 * 1024;
    private static final long FRAME = 60 * 1024;
    /** The mark plus the frame admitted at it and one in hand-over (off the queue's count, not yet in the socket's). */
    private static final long BOUND = HIGH_WATER + 2L * FRAME + 1024;

    @LocalServerPort
    int port;

    @Autowired
    Skynet skynet;

    @Autowired
    SkynetRuntime runtime;

    @Autowired
    WebTestClient http;

    @Autowired
    WebSockets sockets;

    @Test
    void aClientThatNeverReadsIsBoundedRefusedAndClosedWhileOthersAreServed() throws Exception {
        long refusedBefore = runtime.incidents().count("ws.write.refused");
        long closedBefore = runtime.incidents().count("ws.closed.slow");
        try (RawWsClient slow = RawWsClient.open(port, "/ws")) {
            slow.sendText("whoami");
            long id = Long.parseLong(slow.readText().substring("id ".length()));
            slow.sendText("flood 1000");   // 60 MB, and from here on this client reads nothing

            String flood = await().atMost(WAIT).until(() -> floodNote(id), n -> n != null);
            String[] f = flood.split(" ");
            long accepted = Long.parseLong(f[2]);
            long refused = Long.parseLong(f[4]);
            long maxUnsent = Long.parseLong(f[6]);
            assertThat(refused).as(flood).isPositive();
            assertThat(accepted + refused).isEqualTo(1000);
            assertThat(maxUnsent).as(flood).isLessThanOrEqualTo(BOUND);
            assertThat(runtime.incidents().count("ws.write.refused") - refusedBefore).isEqualTo(refused);

            // while the slow client holds its share, others are served
            JdkSocket other = JdkSocket.open(port);
            assertThat(other.send("still here")).isEqualTo("text echo: still here");
            http.get().uri("/").exchange().expectStatus().isOk().expectBody(String.class).isEqualTo("Hello, Skynet!");

            // the service goes on pushing, as a game does; the kernel's socket buffers fill, the peer stays
            // above the low mark, and slow-close-after later it is cut off
            byte[] frame = new byte[(int) FRAME];
            await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).untilAsserted(() -> {
                for (int i = 0; i < 100 && sockets.write(id, frame, Frame.BINARY); i++) {
                    assertThat(sockets.unsent(id)).isLessThanOrEqualTo(BOUND);
                }
                assertThat(events(id)).last().isEqualTo("close 1008 too slow to read");
            });
            assertThat(runtime.incidents().count("ws.closed.slow") - closedBefore).isEqualTo(1);
            assertThat(slow.drainToEnd()).as("the server cut the slow client's socket").isTrue();
            assertThat(other.send("after")).isEqualTo("text echo: after");
            other.ws.sendClose(1000, "").join();
        }
    }

    private String floodNote(long id) {
        return events(id).stream().map(String::valueOf).filter(e -> e.startsWith("flood")).findFirst().orElse(null);
    }

    private List<?> events(long id) {
        return skynet.uniqueService("wsecho").flatMap(a -> skynet.call(a, "events", List.class, id)).block(WAIT);
    }
}
