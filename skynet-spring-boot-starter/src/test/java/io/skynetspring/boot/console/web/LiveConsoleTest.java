package io.skynetspring.boot.console.web;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** #16 part 2: the live console page, its snapshot and its stream, on a real server. */
@SpringBootTest(classes = LiveConsoleTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"skynet.workers=2", "skynet.console.web.enabled=true", "skynet.console.web.max-streams=2"})
@AutoConfigureWebTestClient
class LiveConsoleTest {

    private static final String BASE = "/actuator/skynet-console";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final ParameterizedTypeReference<ServerSentEvent<ConsoleSnapshot>> EVENTS =
            new ParameterizedTypeReference<>() {
            };

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(ConsoleProbe.class)
    static class App {
    }

    @Autowired
    WebTestClient http;

    @Autowired
    SkynetRuntime runtime;

    @Autowired
    ConsoleStreams streams;

    @Test
    void thePageCarriesTheIdsTheBrowserTestUses() {
        String page = http.get().uri(BASE).exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader().value("Content-Security-Policy", csp -> assertThat(csp).contains("script-src 'self'"))
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("<table id=\"services\"", "<canvas id=\"rate-chart\"", "id=\"updated\"",
                "data-sort=\"messages\"", "data-sort=\"rate\"", "data-sort=\"mailbox\"", "data-sort=\"errors\"",
                "src=\"skynet-console/console.js\"", "href=\"skynet-console/console.css\"");
        String script = http.get().uri(BASE + "/console.js").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(script).contains("EventSource", "textContent", "dataset.address").doesNotContain("innerHTML");
        http.get().uri(BASE + "/console.css").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.valueOf("text/css"));
    }

    @Test
    void theSnapshotListsAStartedServiceAndItsMessagesRiseWithCalls() {
        Address probe = runtime.newService("console-probe").block(WAIT);
        runtime.call(probe, "listen").block(WAIT);
        runtime.call(probe, "fail").onErrorReturn("failed").block(WAIT);
        String at = "$.services[?(@.address=='" + probe + "')]";
        AtomicReference<Long> before = new AtomicReference<>();
        // a snapshot serves every reader for most of an interval: the new service shows in the next one
        await().atMost(WAIT).untilAsserted(() -> http.get().uri(BASE + "/snapshot").exchange()
                .expectBody().jsonPath(at + ".template").isEqualTo(List.of("console-probe")));
        http.get().uri(BASE + "/snapshot").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.time").isNumber()
                .jsonPath("$.node").isEqualTo(0)
                .jsonPath("$.totals.services").value(n -> assertThat(((Number) n).intValue()).isPositive())
                .jsonPath(at + ".template").isEqualTo(List.of("console-probe"))
                .jsonPath(at + ".names").isEqualTo(List.of(List.of()))
                .jsonPath(at + ".errors").isEqualTo(List.of(1))
                .jsonPath(at + ".sockets").isEqualTo(List.of(1))
                .jsonPath(at + ".mailbox").exists()
                .jsonPath(at + ".rate").exists()
                .jsonPath(at + ".handlerMillis").exists()
                .jsonPath(at + ".pendingCalls").exists()
                .jsonPath(at + ".openReplies").exists()
                .jsonPath(at + ".messages").value(m -> before.set(((Number) ((List<?>) m).get(0)).longValue()));

        for (int i = 0; i < 5; i++) {
            assertThat(runtime.call(probe, "ping").block(WAIT)).isEqualTo("pong");
        }
        await().atMost(WAIT).untilAsserted(() -> http.get().uri(BASE + "/snapshot").exchange()
                .expectBody().jsonPath(at + ".messages")
                .value(m -> assertThat(((Number) ((List<?>) m).get(0)).longValue()).isGreaterThanOrEqualTo(before.get() + 5)));
    }

    @Test
    void theStreamDeliversSnapshotsAndTheRateOfABusyServiceTurnsPositive() {
        Address busy = runtime.newService("console-probe").block(WAIT);
        String address = busy.toString();
        StepVerifier.create(http.get().uri(BASE + "/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                        .expectStatus().isOk()
                        .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
                        .returnResult(EVENTS).getResponseBody())
                .assertNext(e -> {
                    assertThat(e.event()).isEqualTo("snapshot");
                    assertThat(e.data().services()).anyMatch(s -> s.address().equals(address));
                })
                // keep it busy between snapshots until one shows its rate
                .thenConsumeWhile(e -> rate(e.data(), address) == 0, e -> {
                    for (int i = 0; i < 50; i++) {
                        runtime.send(busy, "ping");
                    }
                })
                .assertNext(e -> {
                    assertThat(rate(e.data(), address)).isPositive();
                    assertThat(e.data().totals().rate()).isPositive();
                })
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void streamsPastTheLimitAreRefusedUntilAClientGoes() {
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
        Disposable first = openStream();
        Disposable second = openStream();
        await().atMost(WAIT).until(() -> streams.openStreams() == 2);

        http.get().uri(BASE + "/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isEqualTo(503)
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e)
                        .contains("2 console streams").contains("skynet.console.web.max-streams"));
        assertThat(runtime.incidents().count("console.stream.refused")).isPositive();

        first.dispose();
        await().atMost(WAIT).until(() -> streams.openStreams() == 1);
        Disposable third = openStream();
        await().atMost(WAIT).until(() -> streams.openStreams() == 2);
        second.dispose();
        third.dispose();
        await().atMost(WAIT).until(() -> streams.openStreams() == 0);
    }

    @Test
    void nothingButGetIsServed() {
        Address probe = runtime.newService("console-probe").block(WAIT);
        for (String path : List.of(BASE, BASE + "/snapshot", BASE + "/stream", BASE + "/" + probe)) {
            http.post().uri(path).exchange().expectStatus().value(s -> assertThat(s).isIn(404, 405));
            http.delete().uri(path).exchange().expectStatus().value(s -> assertThat(s).isIn(404, 405));
            http.put().uri(path).exchange().expectStatus().value(s -> assertThat(s).isIn(404, 405));
        }
        assertThat(runtime.service(probe)).isPresent();
        assertThat(runtime.call(probe, "ping").block(WAIT)).isEqualTo("pong");
    }

    private Disposable openStream() {
        return http.get().uri(BASE + "/stream").accept(MediaType.TEXT_EVENT_STREAM).exchange()
                .expectStatus().isOk()
                .returnResult(EVENTS).getResponseBody().subscribe();
    }

    private static double rate(ConsoleSnapshot s, String address) {
        return s.services().stream().filter(r -> r.address().equals(address)).mapToDouble(ServiceRow::rate)
                .findFirst().orElse(0);
    }
}
