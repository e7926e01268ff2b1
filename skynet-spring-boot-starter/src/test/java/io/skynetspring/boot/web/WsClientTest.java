package io.skynetspring.boot.web;

import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WsClient;
import io.skynetspring.boot.web.websocket.WsClose;
import io.skynetspring.boot.web.websocket.WsConnection;
import io.skynetspring.boot.web.websocket.WsException;
import io.skynetspring.boot.web.websocket.WsMessage;
import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Our WebSocket client against our server: the seed's ws_client.lua. */
@WebAppTest
class WsClientTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    WsClient client;

    @Autowired
    Skynet skynet;

    private String url() {
        return "ws://127.0.0.1:" + port + "/ws";
    }

    @Test
    void writeReadPingAndClose() {
        WsConnection ws = client.connect(url()).block(WAIT);
        assertThat(ws.write("Hello WebSocket", Frame.TEXT)).isTrue();
        assertThat(ws.read().block(WAIT).text()).isEqualTo("echo: Hello WebSocket");
        ws.write(new byte[]{9, 8, 7}, Frame.BINARY);
        WsMessage binary = ws.read().block(WAIT);
        assertThat(binary.kind()).isEqualTo(Frame.BINARY);
        assertThat(binary.payload()).containsExactly(9, 8, 7);
        ws.ping().block(WAIT);
        assertThat(ws.isClosed()).isFalse();
        assertThat(ws.close(1000, "normal closure").block(WAIT)).isEqualTo(new WsClose(1000, "normal closure"));
        assertThat(ws.isClosed()).isTrue();
        assertThat(ws.read().blockOptional(WAIT)).isEmpty();
        assertThat(ws.write("late")).isFalse();
    }

    @Test
    void closeIsColdLikeEveryMonoOfTheConnection() {
        WsConnection ws = client.connect(url()).block(WAIT);
        Mono<WsClose> closing = ws.close(1000, "later");
        assertThat(ws.isClosed()).as("close() without a subscriber does nothing").isFalse();
        assertThat(ws.write("still open")).isTrue();
        assertThat(ws.read().block(WAIT).text()).isEqualTo("echo: still open");
        assertThat(closing.block(WAIT)).isEqualTo(new WsClose(1000, "later"));
        assertThat(ws.isClosed()).isTrue();
    }

    @Test
    void theServerClosingEndsReadsWithItsCode() {
        WsConnection ws = client.connect(url()).block(WAIT);
        ws.write("close-me");
        assertThat(ws.read().blockOptional(WAIT)).isEmpty();
        assertThat(ws.closed().block(WAIT)).isEqualTo(new WsClose(4001, "kicked"));
        assertThat(ws.isClosed()).isTrue();
    }

    @Test
    void theServerPingsAndOurClientAnswers() {
        WsConnection ws = client.connect(url()).block(WAIT);
        ws.write("ping-me");
        assertThat(ws.read().block(WAIT).text()).isEqualTo("pong received");
        ws.close(1000, "").block(WAIT);
    }

    @Test
    void aRefusedHandshakeFailsTheConnect() {
        assertThatThrownBy(() -> client.connect(url(), Map.of("X-Refuse", "yes")).block(WAIT))
                .isInstanceOf(WsException.class).hasMessageContaining("403");
    }

    @Test
    void insideAServiceEveryStepCompletesInThatService() {
        String seen = skynet.newService("probe")
                .flatMap(probe -> skynet.call(probe, "echo", String.class, url(), "from a service"))
                .block(WAIT);
        assertThat(seen).isEqualTo("in in in echo: from a service / 1000");
    }
}
