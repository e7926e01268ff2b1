package io.skynetspring.boot.actuate;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** #13 point 6: {@code kill} over Actuator's HTTP says why it refuses, instead of a bare 400. */
@SpringBootTest(classes = KillOverHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"skynet.workers=2", "management.endpoints.web.exposure.include=skynet"})
@AutoConfigureWebTestClient
class KillOverHttpTest {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Spinner.class)
    static class App {
    }

    @Autowired
    WebTestClient http;

    @Autowired
    SkynetRuntime runtime;

    @Test
    void aDisabledKillAnswers403WithTheReasonAndTheServiceLives() {
        Address a = runtime.newService("spinner").block(Duration.ofSeconds(5));
        http.post().uri("/actuator/skynet/{address}", a.toString()).exchange()
                .expectStatus().isForbidden()
                .expectBody()
                .jsonPath("$.error").value(e -> assertThat((String) e)
                        .contains("kill is disabled").contains("skynet.actuator.kill-enabled=true"));
        assertThat(runtime.service(a)).isPresent();
    }
}
