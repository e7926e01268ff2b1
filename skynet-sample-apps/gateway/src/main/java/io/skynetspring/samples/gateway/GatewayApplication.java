package io.skynetspring.samples.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The seed's game server (9.1): a TCP gate on 8888 speaking skynet's client protocol (2-byte frames,
 * sproto RPC) and a WebSocket gate on {@code /ws} carrying the same packets; one agent service per
 * connection, one scene service per scene.
 *
 * <pre>{@code ./mvnw -q -pl skynet-sample-apps/gateway spring-boot:run   # then: GatewayBot 127.0.0.1 8888 1001}</pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(GatewayProperties.class)
public class GatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayApplication.class, args);
    }
}
