package io.skynetspring.boot.web;

import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * #12 finding 8: a message over max-frame-size (64 KB here) sent in fragments, each under the limit,
 * is closed cleanly with 1009, the service sees error then close 1009, and nothing is dropped into
 * Reactor's default onErrorDropped log.
 */
@WebAppTest
@ExtendWith(OutputCaptureExtension.class)
class WebSocketOversizeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    Skynet skynet;

    @Test
    void anOversizeFragmentedMessageIsClosedWith1009AndNothingIsDropped(CapturedOutput output) throws Exception {
        JdkSocket c = JdkSocket.open(port);
        long id = Long.parseLong(c.send("whoami").substring("text id ".length()));
        c.ws.sendText("x".repeat(40 * 1024), false).join();
        c.ws.sendText("y".repeat(40 * 1024), true);
        assertThat(c.closeSeen()).startsWith("1009");
        await().atMost(WAIT).untilAsserted(() -> assertThat(events(id)).map(String::valueOf)
                .contains("error").last().asString().startsWith("close 1009"));
        // a dropped error is logged as it happens, before the close reaches the service
        assertThat(output.getAll()).doesNotContain("onErrorDropped");
        JdkSocket next = JdkSocket.open(port);
        assertThat(next.send("after")).isEqualTo("text echo: after");
        next.ws.sendClose(1000, "").join();
    }

    private List<?> events(long id) {
        return skynet.uniqueService("wsecho").flatMap(a -> skynet.call(a, "events", List.class, id)).block(WAIT);
    }
}
