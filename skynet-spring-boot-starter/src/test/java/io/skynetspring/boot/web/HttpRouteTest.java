package io.skynetspring.boot.web;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seed's HTTP server through {@code @HttpRoute} services, as a browser would see it. */
@WebAppTest
class HttpRouteTest {

    @Autowired
    WebTestClient http;

    @Test
    void theRootIsText() {
        http.get().uri("/").exchange()
                .expectStatus().isOk()
                .expectHeader().contentType("text/plain;charset=UTF-8")
                .expectBody(String.class).isEqualTo("Hello, Skynet!");
    }

    @Test
    void apiDataIsJsonWithTheServiceClock() {
        http.get().uri("/api/data").exchange()
                .expectStatus().isOk()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.now").isNumber()
                .jsonPath("$.time").value(t -> assertThat(((Number) t).doubleValue())
                        .isCloseTo(System.currentTimeMillis() / 1000.0, org.assertj.core.data.Offset.offset(60.0)));
    }

    @Test
    void everythingElseIs404() {
        http.get().uri("/nowhere").exchange().expectStatus().isNotFound();
        // the app's own router function keeps its own rules
        http.post().uri("/custom").exchange().expectStatus().isNotFound();
    }

    @Test
    void aRouteHitWithTheWrongMethodIs405WithAllow() {
        http.post().uri("/").exchange()
                .expectStatus().isEqualTo(405)
                .expectHeader().valueEquals("Allow", "GET")
                .expectBody().jsonPath("$.status").isEqualTo(405).jsonPath("$.error").isEqualTo("Method Not Allowed");
        http.get().uri("/echo").exchange().expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "POST");
        http.delete().uri("/users/42").exchange().expectStatus().isEqualTo(405).expectHeader().valueEquals("Allow", "GET");
    }

    @Test
    void theServiceSeesMethodPathQueryHeadersAndBody() {
        http.post().uri("/inspect?a=1&a=2&b=x").header("X-Token", "t0k").bodyValue("hi").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.method").isEqualTo("POST")
                .jsonPath("$.path").isEqualTo("/inspect")
                .jsonPath("$.query").isEqualTo("a=1&a=2&b=x")
                .jsonPath("$.a[1]").isEqualTo("2")
                .jsonPath("$.token").isEqualTo("t0k")
                .jsonPath("$.body").isEqualTo("hi");
        http.get().uri("/users/42").exchange().expectBody().jsonPath("$.id").isEqualTo(42);
    }

    @Test
    void anHttpResponseSetsStatusAndHeaders() {
        http.post().uri("/echo").bodyValue("ping").exchange()
                .expectStatus().isCreated()
                .expectHeader().valueEquals("X-Length", "4")
                .expectBody(String.class).isEqualTo("ping");
        http.get().uri("/missing").exchange().expectStatus().isNotFound().expectBody(String.class).isEqualTo("Not Found");
        http.get().uri("/json-text").exchange()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).isEqualTo("{\"raw\":true}");
    }

    @Test
    void aVoidCommandIs204AndStateStaysInTheService() {
        http.put().uri("/note").bodyValue("first").exchange().expectStatus().isNoContent();
        http.put().uri("/note").bodyValue("second").exchange().expectStatus().isNoContent();
        http.get().uri("/notes").exchange().expectBody()
                .jsonPath("$[-2]").isEqualTo("first").jsonPath("$[-1]").isEqualTo("second");
    }

    @Test
    void anAppRouterFunctionCanCallAService() {
        http.get().uri("/custom?name=skynet").exchange().expectBody(String.class).isEqualTo("hello skynet");
    }

    @Test
    void aHandlerErrorIs500NamingNoInternals() {
        String body = http.get().uri("/boom").exchange()
                .expectStatus().isEqualTo(500)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody();
        assertThat(body).contains("\"status\":500", "Internal Server Error", "requestId")
                .doesNotContain("hunter2", "boom", "web", "Exception", "command");
    }

    @Test
    void aRouteAnswers400ByThrowingWithItsReasonForTheClient() {
        http.get().uri("/square?n=12").exchange().expectStatus().isOk().expectBody(Long.class).isEqualTo(144L);
        http.get().uri("/square?n=twelve").exchange()
                .expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(400)
                .jsonPath("$.error").isEqualTo("Bad Request")
                .jsonPath("$.message").isEqualTo("n must be a whole number, as in /square?n=12; got twelve")
                .jsonPath("$.requestId").isNotEmpty();
    }

    @Test
    void aClientRepeatingABadRequestCostsNoWarningLines() {
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log =
                new ch.qos.logback.core.read.ListAppender<>();
        ch.qos.logback.classic.Logger skynet =
                (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("skynet");
        log.start();
        skynet.addAppender(log);
        try {
            for (int i = 0; i < 20; i++) {
                http.get().uri("/square?n=x" + i).exchange().expectStatus().isBadRequest();
            }
        } finally {
            skynet.detachAppender(log);
        }
        assertThat(log.list).filteredOn(e -> e.getLevel().isGreaterOrEqual(ch.qos.logback.classic.Level.WARN))
                .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();
    }

    @Test
    void springsResponseStatusExceptionIsHonouredToo() {
        http.get().uri("/gone").exchange()
                .expectStatus().isEqualTo(410)
                .expectBody()
                .jsonPath("$.status").isEqualTo(410)
                .jsonPath("$.message").isEqualTo("this page moved to the moon");
    }

    @Test
    void aCallPastItsDeadlineIs504() {
        http.get().uri("/slow").exchange()
                .expectStatus().isEqualTo(504)
                .expectBody().jsonPath("$.status").isEqualTo(504).jsonPath("$.error").isEqualTo("Gateway Timeout");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        http.post().uri("/echo").bodyValue("x".repeat(1024)).exchange().expectStatus().isCreated();
        http.post().uri("/echo").bodyValue("x".repeat(1025)).exchange()
                .expectStatus().isEqualTo(413)
                .expectBody().jsonPath("$.status").isEqualTo(413);
    }

    @Test
    void aChunkedBodyOverTheLimitIs413Too() {
        var chunks = reactor.core.publisher.Flux.range(0, 8).map(i -> "y".repeat(200));
        http.post().uri("/echo").body(chunks, String.class).exchange().expectStatus().isEqualTo(413);
    }

    @Test
    void concurrentRequestsAreCountedWithoutLocks() {
        long before = http.get().uri("/hits").exchange().expectBody(Long.class).returnResult().getResponseBody();
        reactor.core.publisher.Flux.range(0, 50)
                .flatMap(i -> http.get().uri("/hits").exchange().returnResult(Long.class).getResponseBody(), 16)
                .blockLast(java.time.Duration.ofSeconds(20));
        long after = http.get().uri("/hits").exchange().expectBody(Long.class).returnResult().getResponseBody();
        assertThat(after - before).isEqualTo(51);
    }
}
