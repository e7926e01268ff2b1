package io.skynetspring.boot.console.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.test.StepVerifier;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** An open console stream ends when the application closes, instead of holding up its graceful shutdown. */
class ConsoleShutdownTest {

    @Test
    void closingTheAppEndsOpenStreams() {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(LiveConsoleTest.App.class)
                .properties("server.port=0", "server.address=127.0.0.1", "skynet.workers=2",
                        "spring.main.banner-mode=off", "skynet.console.web.enabled=true")
                .run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        var events = WebClient.create("http://127.0.0.1:" + port).get().uri("/actuator/skynet-console/stream")
                .accept(MediaType.TEXT_EVENT_STREAM).retrieve()
                .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<ConsoleSnapshot>>() {
                });
        long[] start = new long[1];
        StepVerifier.create(events)
                .assertNext(e -> assertThat(e.event()).isEqualTo("snapshot"))
                .then(() -> {
                    start[0] = System.nanoTime();
                    app.close();
                })
                .thenConsumeWhile(e -> true)
                .expectComplete()
                .verify(Duration.ofSeconds(60));
        assertThat(Duration.ofNanos(System.nanoTime() - start[0])).isLessThan(Duration.ofSeconds(15));
    }
}
