package io.skynetspring.boot.web;

import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The seed's WebSocket server ({@link EchoSocket}) driven by the JDK's WebSocket client. */
@WebAppTest
class WebSocketServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    Skynet skynet;

    @Test
    void textIsEchoedAndTheServiceSeesConnectHandshakeAndClose() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        long id = idOf(c);
        assertThat(c.send("hello")).isEqualTo("text echo: hello");
        c.ws.sendClose(4000, "bye").join();
        assertThat(c.closeSeen()).isEqualTo("4000 bye");
        awaitEvents(id, List.of("connect", "handshake /ws", "close 4000 bye"));
    }

    @Test
    void binaryIsEchoedAsBinary() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        c.ws.sendBinary(ByteBuffer.wrap(new byte[]{1, 2, 3, 0, (byte) 255}), true).join();
        assertThat(c.next()).isEqualTo("binary 5");
        c.ws.sendClose(1000, "").join();
    }

    @Test
    void pingsGetPongsBothWays() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        long id = idOf(c);
        c.ws.sendPing(ByteBuffer.wrap(new byte[]{7, 7})).join();
        assertThat(c.next()).isEqualTo("pong 2");
        // the server pings; the JDK client answers; the service hears the pong
        assertThat(c.send("ping-me")).isEqualTo("text pong received");
        c.ws.sendClose(1000, "").join();
        awaitEvents(id, List.of("connect", "handshake /ws", "pong", "close 1000 "));
    }

    @Test
    void theServiceClosesWithItsCodeAfterWhatItWrote() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        long id = idOf(c);
        c.ws.sendText("close-me", true).join();
        assertThat(c.closeSeen()).isEqualTo("4001 kicked");
        awaitEvents(id, List.of("connect", "handshake /ws", "close 4001 kicked"));
    }

    @Test
    void anOversizeFrameIsClosedWith1009() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        long id = idOf(c);
        c.ws.sendText("x".repeat(64 * 1024 + 1), true);
        assertThat(c.closeSeen()).startsWith("1009");
        awaitEvents(id, e -> assertThat(e.stream().map(String::valueOf).toList()).contains("error")
                .last().asString().startsWith("close 1009"));
    }

    @Test
    void aClientThatVanishesIsClosedWith1006() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        long id = idOf(c);
        c.ws.abort();
        // a reset connection is also reported as an error first, as skynet's error callback would be
        awaitEvents(id, e -> assertThat(e.stream().map(String::valueOf).toList()).startsWith("connect", "handshake /ws")
                .last().isEqualTo("close 1006 "));
    }

    @Test
    void theServiceMayRefuseTheHandshake() {
        assertThatThrownBy(() -> JdkSocket.open(port, Map.of("X-Refuse", "1")))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
    }

    @Test
    void anIdleConnectionIsClosedWith1001() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        long id = idOf(c);
        assertThat(c.closeSeen()).isEqualTo("1001 idle timeout");
        awaitEvents(id, List.of("connect", "handshake /ws", "close 1001 idle timeout"));
    }

    @Test
    void messagesOfOneConnectionArriveInOrder() throws Exception {
        JdkSocket c = JdkSocket.open(port);
        for (int i = 0; i < 300; i++) {
            c.ws.sendText("m" + i, true).join();
        }
        for (int i = 0; i < 300; i++) {
            assertThat(c.next()).isEqualTo("text echo: m" + i);
        }
        c.ws.sendClose(1000, "").join();
    }

    private long idOf(JdkSocket c) throws InterruptedException {
        return Long.parseLong(c.send("whoami").substring("text id ".length()));
    }

    private List<?> events(long id) {
        return skynet.uniqueService("wsecho").flatMap(a -> skynet.call(a, "events", List.class, id)).block(WAIT);
    }

    private void awaitEvents(long id, List<String> expected) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id)).isEqualTo(expected));
    }

    private void awaitEvents(long id, java.util.function.Consumer<List<?>> check) {
        await().atMost(WAIT).untilAsserted(() -> check.accept(events(id)));
    }
}
