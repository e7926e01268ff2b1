package io.skynetspring.samples.basics;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator sees over HTTP: health, the skynet endpoint and Prometheus meters that move with traffic. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.main.keep-alive=false")
@AutoConfigureWebTestClient
class ObservabilityTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    WebTestClient web;

    @Autowired
    Skynet skynet;

    @Test
    void healthIsUpWithASkynetComponent() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.skynet.status").isEqualTo("UP");
    }

    @Test
    void theSkynetEndpointListsDescribesAndRefusesToKill() {
        Address calc = skynet.newService("calculator").block(WAIT);
        skynet.call(calc, "add", 1, 2).block(WAIT);

        web.get().uri("/actuator/skynet").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.services[?(@.template == 'logger')].names[0]").isEqualTo(".logger")
                .jsonPath("$.services[?(@.address == '" + calc + "')].template").isEqualTo("calculator");

        web.get().uri("/actuator/skynet/{address}", calc.toString()).exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.template").isEqualTo("calculator")
                .jsonPath("$.messages").isEqualTo(2)
                .jsonPath("$.mailbox").isEqualTo(0)
                .jsonPath("$.pendingCalls").isEqualTo(0)
                .jsonPath("$.started").exists();

        web.get().uri("/actuator/skynet/{address}", ":00ffffff").exchange().expectStatus().isNotFound();

        web.post().uri("/actuator/skynet/{address}", calc.toString()).exchange().expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).contains("kill is disabled"));
        assertThat(skynet.call(calc, "add", 2, 2).block(WAIT)).isEqualTo(4L);
    }

    @Test
    void prometheusMetersMoveAfterTraffic() {
        String callsBefore = "skynet_messages_total\\{kind=\"call\",template=\"calculator\"\\}";
        double before = value(scrape(), callsBefore);
        Address calc = skynet.newService("calculator").block(WAIT);
        for (int i = 0; i < 10; i++) {
            skynet.call(calc, "add", i, i).block(WAIT);
        }
        skynet.call(calc, "div", 1, 0).onErrorReturn(0L).block(WAIT);

        String after = scrape();
        assertThat(value(after, callsBefore)).isEqualTo(before + 11);
        assertThat(value(after, "skynet_handler_time_seconds_count\\{command=\"add\",template=\"calculator\"\\}"))
                .isGreaterThanOrEqualTo(10);
        assertThat(value(after, "skynet_calls_seconds_count\\{outcome=\"error\",template=\"calculator\"\\}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(value(after, "skynet_services\\{template=\"calculator\"\\}")).isGreaterThanOrEqualTo(1);
        assertThat(after).contains("skynet_mailbox_length{template=\"logger\"}", "skynet_mailbox_top{rank=\"1\"}",
                "skynet_workers_stuck");
    }

    private String scrape() {
        return web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
