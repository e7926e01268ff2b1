package io.skynetspring.samples.snax.login;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;

/**
 * The accounts the login server checks (the seed's {@code verify_user}), from {@code login.users.*}:
 * a Spring bean that the snax service gets by constructor injection.
 *
 * <pre>{@code login.users.alice=wonderland}</pre>
 */
@ConfigurationProperties("login")
public record LoginUsers(Map<String, String> users) {

    public LoginUsers {
        users = users == null ? Map.of() : Map.copyOf(users);
    }

    /** Whether {@code password} is {@code username}'s; compared in constant time. */
    public boolean verify(String username, String password) {
        String known = users.get(username);
        return known != null && password != null && MessageDigest.isEqual(
                known.getBytes(StandardCharsets.UTF_8), password.getBytes(StandardCharsets.UTF_8));
    }
}
