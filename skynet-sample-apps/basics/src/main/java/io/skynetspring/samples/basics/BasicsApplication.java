package io.skynetspring.samples.basics;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The seed's basic skynet examples (services, messaging, scheduling) as {@code @SkynetService}
 * classes; the tours drive each once at startup and log what happens.
 *
 * <pre>{@code ./mvnw -q -pl skynet-sample-apps/basics spring-boot:run}</pre>
 */
@SpringBootApplication
public class BasicsApplication {

    public static void main(String[] args) {
        SpringApplication.run(BasicsApplication.class, args);
    }
}
