package io.skynetspring.boot.console;

import io.skynetspring.boot.SkynetAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The debug console is off by default; enabled, it listens on loopback and answers like skynet's. */
class ConsoleAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SkynetAutoConfiguration.class,
                    SkynetConsoleAutoConfiguration.class))
            .withPropertyValues("skynet.workers=2");

    @Test
    void absentByDefault() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ConsoleLifecycle.class));
    }

    @Test
    void enabledItListensOnLoopbackOnAnEphemeralPort() {
        runner.withPropertyValues("skynet.console.enabled=true").run(context -> {
            ConsoleLifecycle console = context.getBean(ConsoleLifecycle.class);
            assertThat(console.isRunning()).isTrue();
            assertThat(console.port()).isPositive();
            try (Socket socket = new Socket("127.0.0.1", console.port())) {
                socket.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                assertThat(in.readLine()).isEqualTo("Welcome to skynet console");
                out.println("list");
                assertThat(in.readLine()).isEqualTo("<CMD OK>");
                out.println("nope");
                assertThat(in.readLine()).isEqualTo("Invalid command, type help for command list");
                assertThat(in.readLine()).isEqualTo("<CMD Error>");
            }
        });
    }
}
