package io.skynetspring.boot.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The live console page is off unless {@code skynet.console.web.enabled=true}. */
@WebAppTest
class LiveConsoleOffTest {

    @Autowired
    WebTestClient http;

    @Test
    void theConsoleIsNotServedByDefault() {
        http.get().uri("/actuator/skynet-console").exchange().expectStatus().isNotFound();
        http.get().uri("/actuator/skynet-console/snapshot").exchange().expectStatus().isNotFound();
        http.get().uri("/actuator/skynet-console/stream").exchange().expectStatus().isNotFound();
    }
}
