package io.skynetspring.boot.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing the application says goodbye to WebSocket clients instead of waiting for them. */
class WebSocketShutdownTest {

    @Test
    void closingTheAppClosesConnectionsWith1001() throws Exception {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WebTestApp.class)
                .properties("server.port=0", "skynet.workers=2", "spring.main.banner-mode=off")
                .run();
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        JdkSocket c = JdkSocket.open(port);
        assertThat(c.send("hi")).isEqualTo("text echo: hi");
        long start = System.nanoTime();
        app.close();
        assertThat(c.closeSeen()).isEqualTo("1001 server shutting down");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
}
