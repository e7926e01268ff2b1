package io.skynetspring.samples.dbproxy;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The seed's db_proxy (9.2): one {@code db_proxy} service in front of a MySQL/MariaDB players table.
 * The default profile runs on embedded H2; {@code --spring.profiles.active=mysql} on a real server.
 *
 * <pre>{@code ./mvnw -q -pl skynet-sample-apps/db-proxy spring-boot:run}</pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(DbProxyProperties.class)
public class DbProxyApplication {

    public static void main(String[] args) {
        SpringApplication.run(DbProxyApplication.class, args);
    }
}
