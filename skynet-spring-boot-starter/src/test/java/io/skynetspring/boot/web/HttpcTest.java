package io.skynetspring.boot.web;

import io.skynetspring.boot.web.httpc.Httpc;
import io.skynetspring.boot.web.httpc.HttpcException;
import io.skynetspring.boot.web.httpc.HttpcResponse;
import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** httpc against a local Reactor Netty server, including one route that never answers. */
@WebAppTest
class HttpcTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static DisposableServer server;
    private static final AtomicInteger counted = new AtomicInteger();

    @Autowired
    Httpc httpc;

    @Autowired
    Skynet skynet;

    @BeforeAll
    static void startServer() {
        server = HttpServer.create().host("127.0.0.1").port(0).route(r -> r
                .get("/hello", (req, res) -> res.header("X-Served", "netty").sendString(Mono.just("hi")))
                .post("/form", (req, res) -> res.sendString(req.receive().aggregate().asString()
                        .map(body -> req.requestHeaders().get("content-type") + " | " + body)))
                .route(req -> req.uri().startsWith("/any"), (req, res) -> res.sendString(req.receive().aggregate()
                        .asString().defaultIfEmpty("")
                        .map(body -> req.method().name() + " " + req.requestHeaders().get("X-A") + " " + body)))
                .get("/count", (req, res) -> res.sendString(Mono.fromSupplier(() -> "n" + counted.incrementAndGet())))
                .get("/teapot", (req, res) -> res.status(418).sendString(Mono.just("short and stout")))
                .get("/never", (req, res) -> Mono.never()))
                .bindNow(WAIT);
    }

    @AfterAll
    static void stopServer() {
        server.disposeNow(WAIT);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    @Test
    void getGivesStatusHeadersAndBody() {
        HttpcResponse r = httpc.get(url("/hello")).block(WAIT);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("x-served")).isEqualTo("netty");
        assertThat(r.headers()).containsKey("x-served");
        assertThat(r.text()).isEqualTo("hi");
    }

    @Test
    void postSendsAForm() {
        HttpcResponse r = httpc.post(url("/form"), Map.of("username", "user", "tags", List.of("a", "b"))).block(WAIT);
        assertThat(r.text()).startsWith("application/x-www-form-urlencoded")
                .contains("username=user").contains("tags=a&tags=b");
    }

    @Test
    void requestTakesAnyMethodHeadersAndBody() {
        assertThat(httpc.request("PUT", url("/any"), Map.of("X-A", "1"), "{\"data\":\"test\"}").block(WAIT).text())
                .isEqualTo("PUT 1 {\"data\":\"test\"}");
        assertThat(httpc.request("delete", url("/any"), Map.of(), null).block(WAIT).text()).isEqualTo("DELETE null ");
    }

    @Test
    void anErrorStatusIsAResponseNotAnError() {
        HttpcResponse r = httpc.get(url("/teapot")).block(WAIT);
        assertThat(r.status()).isEqualTo(418);
        assertThat(r.text()).isEqualTo("short and stout");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() {
        assertThatThrownBy(() -> httpc.withTimeout(Duration.ofMillis(300)).get(url("/never")).block(WAIT))
                .isInstanceOf(HttpcException.class)
                .hasMessageContaining("GET " + url("/never")).hasMessageContaining("no response within 300 ms")
                .matches(e -> ((HttpcException) e).timedOut());
    }

    @Test
    void theMonosAreColdEachSubscriptionSendsTheRequest() {
        int before = counted.get();
        Mono<HttpcResponse> count = httpc.get(url("/count"));
        Mono<HttpcResponse> posted = httpc.post(url("/form"), Map.of("a", "1"));
        Mono<HttpcResponse> any = httpc.request("GET", url("/count"), Map.of(), null);
        assertThat(counted.get()).as("nothing sent before a subscription").isEqualTo(before);
        count.block(WAIT);
        count.block(WAIT);
        assertThat(counted.get()).isEqualTo(before + 2);
        assertThat(posted).isNotNull();
        assertThat(any).isNotNull();
    }

    @Test
    void aBadUrlOrMethodFailsTheMonoNotTheCaller() {
        Mono<HttpcResponse> badUrl = httpc.get("http://[not a host/");
        assertThatThrownBy(() -> badUrl.block(WAIT)).isInstanceOf(HttpcException.class)
                .hasMessageContaining("GET http://[not a host/");
        Mono<HttpcResponse> badMethod = httpc.request("FETCH ME", url("/hello"), Map.of(), null);
        assertThatThrownBy(() -> badMethod.block(WAIT)).isInstanceOf(HttpcException.class);
    }

    @Test
    void aDeadlineInCentisecondsAsSkynetCountsTime() {
        assertThatThrownBy(() -> httpc.withTimeout(30).get(url("/never")).block(WAIT))
                .isInstanceOf(HttpcException.class).hasMessageContaining("no response within 300 ms");
    }

    @Test
    void aRefusedConnectionIsAnError() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertThatThrownBy(() -> httpc.get("http://127.0.0.1:" + closed + "/").block(WAIT))
                .isInstanceOf(HttpcException.class)
                .matches(e -> !((HttpcException) e).timedOut());
    }

    @Test
    void insideAServiceTheResponseArrivesInThatService() {
        String seen = skynet.newService("probe")
                .flatMap(probe -> skynet.call(probe, "fetch", String.class, url("/hello")))
                .block(WAIT);
        assertThat(seen).isEqualTo("in 200 hi");
    }
}
