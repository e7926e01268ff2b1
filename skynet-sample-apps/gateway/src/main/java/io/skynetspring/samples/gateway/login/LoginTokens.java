package io.skynetspring.samples.gateway.login;

import io.skynetspring.core.service.Shareable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Login tokens as a login server would issue them: {@code hex(HMAC-SHA256(secret, decimal id))}. The
 * gateway only checks them; whoever knows the secret (a login server, the bot in a test) issues them.
 *
 * <pre>{@code String token = new LoginTokens("secret").issue(1001);}</pre>
 */
@Shareable
public final class LoginTokens {

    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    public LoginTokens(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("gateway.token-secret must not be empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    /** The token of player {@code id}: 64 hex digits. */
    public String issue(long id) {
        return HexFormat.of().formatHex(mac(id));
    }

    /** True when {@code token} is player {@code id}'s (compared in constant time). */
    public boolean valid(long id, String token) {
        if (token == null || token.length() != 64) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(token);
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        return MessageDigest.isEqual(mac(id), given);
    }

    private byte[] mac(long id) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(Long.toString(id).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + ALGORITHM, e);
        }
    }
}
