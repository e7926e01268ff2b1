package io.skynetspring.boot.actuate;

import io.skynetspring.boot.snax.found.Counter;
import io.skynetspring.boot.snax.found.Greeting;
import io.skynetspring.core.snax.Snax;
import io.skynetspring.core.snax.SnaxHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The snax endpoint over Actuator's HTTP: a profile by GET, a hotfix by POST with a JSON body. */
@SpringBootTest(classes = SnaxOverHttpTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"skynet.workers=2", "management.endpoints.web.exposure.include=snax",
                "skynet.actuator.snax-hotfix.enabled=true"})
@AutoConfigureWebTestClient
class SnaxOverHttpTest {

    static final Duration WAIT = Duration.ofSeconds(5);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(Counter.class)
    static class App {
        @Bean
        Greeting greeting() {
            return new Greeting("hello");
        }
    }

    @Autowired
    WebTestClient http;

    @Autowired
    Snax snax;

    @Test
    void aProfileByGetAndAHotfixByPost(@TempDir Path dir) {
        Path v2 = SnaxEndpointTest.v2(dir);
        SnaxHandle counter = snax.newService(Counter.class).block(WAIT);
        counter.post("add", 4);
        assertThat(counter.req("total", Long.class).block(WAIT)).isEqualTo(4L);

        http.get().uri("/actuator/snax/{address}", counter.address().toString()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.name").isEqualTo("counter")
                .jsonPath("$.methods[?(@.method == 'add')].count").isEqualTo(1);

        http.post().uri("/actuator/snax/{address}", counter.address().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("path", v2.toString())).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.service").isEqualTo("counter")
                .jsonPath("$.fieldsCarried").value(f -> assertThat(f.toString()).contains("total"));
        assertThat(counter.req("whoami").block(WAIT)).isEqualTo("v2");

        http.post().uri("/actuator/snax/{address}", counter.address().toString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of()).exchange()
                .expectStatus().isBadRequest();
    }
}
