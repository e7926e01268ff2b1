package io.skynetspring.samples.cache;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The seed's cache service (9.3): one {@code cache} service in front of Redis, through Spring Data
 * Redis reactive (Lettuce).
 *
 * <pre>{@code ./mvnw -q -pl skynet-sample-apps/cache spring-boot:run}</pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(CacheProperties.class)
public class CacheApplication {

    public static void main(String[] args) {
        SpringApplication.run(CacheApplication.class, args);
    }
}
