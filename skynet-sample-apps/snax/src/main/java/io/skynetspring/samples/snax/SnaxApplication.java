package io.skynetspring.samples.snax;

import io.skynetspring.samples.snax.login.LoginUsers;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The seed's snax examples (section 5) as {@code @SnaxService} classes; the tour drives each once at
 * startup and logs what happens.
 *
 * <pre>{@code ./mvnw -q -pl skynet-sample-apps/snax spring-boot:run}</pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(LoginUsers.class)
public class SnaxApplication {

    public static void main(String[] args) {
        SpringApplication.run(SnaxApplication.class, args);
    }
}
