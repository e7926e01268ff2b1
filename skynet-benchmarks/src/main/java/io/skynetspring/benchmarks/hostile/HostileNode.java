package io.skynetspring.benchmarks.hostile;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.socket.Gate;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import java.time.Duration;
import java.util.List;

/**
 * The node the hostile-peer harness attacks: one Boot app with the four kinds of server a game node
 * runs — skynet's gate (frames echoed by an agent), a raw TCP line echo, a WebSocket route that can
 * be asked to flood its client, and an HTTP route — plus {@code GET /probe} (heap, direct memory,
 * incidents). Prints {@code ready gate=N tcp=N http=N} once everything listens.
 *
 * <pre>{@code java -Xmx512m -XX:MaxDirectMemorySize=256m -cp ... io.skynetspring.benchmarks.hostile.HostileNode --server.port=0}</pre>
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({FloodRoutes.class, LineEcho.class, GateWatchdog.class, GateAgent.class})
public class HostileNode {

    @Bean
    ApplicationRunner openPorts(SkynetRuntime runtime, org.springframework.core.env.Environment env) {
        return new ApplicationRunner() {
            @Override
            public void run(ApplicationArguments args) {
                runtime.template("gate", Gate.template());
                Duration wait = Duration.ofSeconds(10);
                Address watchdog = runtime.newService("gate-watchdog").block(wait);
                List<?> gate = runtime.call(watchdog, "start", List.class, 0).block(wait);
                Address echo = runtime.newService("line-echo").block(wait);
                int tcp = runtime.call(echo, "listen", Integer.class, 0).block(wait);
                runtime.newService("flood").block(wait);
                System.out.println("ready gate=" + gate.get(1) + " tcp=" + tcp + " http="
                        + env.getProperty("local.server.port"));
            }
        };
    }

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(HostileNode.class);
        // the sample apps on this module's classpath bring application.yml files of their own
        app.setDefaultProperties(java.util.Map.of("spring.config.name", "hostile-node", "spring.flyway.enabled", "false"));
        app.run(args);
    }
}
