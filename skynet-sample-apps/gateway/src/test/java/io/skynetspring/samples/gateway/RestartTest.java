package io.skynetspring.samples.gateway;

import io.skynetspring.samples.gateway.bot.LoginResult;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.ServerSocket;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway stopped and started again on its port: connected players are told why and see the close,
 * reconnect, log in and play.
 */
class RestartTest {

    @Test
    void playersReconnectToARestartedGateway() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ConfigurableApplicationContext app = start(port);
        try (TestPlayer a = new TestPlayer(1, port); TestPlayer b = new TestPlayer(2, port)) {
            a.login(3);
            b.login(3);
            a.bot.move(10, 20);
            b.awaits("move 1 10 20");

            app.close();
            a.awaitsClose();
            b.awaitsClose();
            assertThat(a.bot.isOpen()).isFalse();
            assertThat(a.heard).contains("kick the server is shutting down");
            assertThat(b.heard).contains("kick the server is shutting down");

            app = start(port);
            try (TestPlayer a2 = new TestPlayer(1, port); TestPlayer b2 = new TestPlayer(2, port)) {
                LoginResult again = a2.login(3);
                assertThat(again.ok()).isTrue();
                // the in-process data went with the old node: the player starts afresh (gateway.data=in-process)
                assertThat(List.of(again.x(), again.y())).containsExactly(0L, 0L);
                assertThat(b2.login(3).ok()).isTrue();
                b2.bot.move(5, 5);
                a2.awaits("move 2 5 5");
            }
        } finally {
            app.close();
        }
    }

    private static ConfigurableApplicationContext start(int port) {
        return new SpringApplicationBuilder(GatewayApplication.class).run("--gateway.port=" + port, "--server.port=0",
                "--spring.main.keep-alive=false", "--management.server.port=-1");
    }
}
