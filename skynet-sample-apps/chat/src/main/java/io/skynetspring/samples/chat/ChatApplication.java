package io.skynetspring.samples.chat;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * Chat rooms over WebSocket: the {@code chat} service parses each connection's frames and forwards
 * them to one {@code room} service per room, found (and started) through the {@code rooms}
 * directory. The page at {@code /} is plain HTML/CSS/JS served from {@code static/}.
 *
 * <pre>{@code ./mvnw -q -pl skynet-sample-apps/chat spring-boot:run   # then open http://localhost:8080/}</pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(ChatProperties.class)
public class ChatApplication {

    public static void main(String[] args) {
        SpringApplication.run(ChatApplication.class, args);
    }
}
