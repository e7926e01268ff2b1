package io.skynetspring.core.cluster;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The optional shared-secret handshake between Java nodes (skynet nodes have none and never see it).
 * The listener speaks first: a challenge frame with a random nonce; the connector answers with
 * HMAC-SHA256(secret, nonce); the listener confirms with an OK frame and only then serves requests.
 * Every payload starts with a marker no skynet frame type uses, so a skynet peer is refused cleanly.
 */
final class Handshake {

    private static final byte[] MARK = "\u00a7skynet-spring-auth1".getBytes(StandardCharsets.ISO_8859_1);
    private static final int NONCE = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Handshake() {
    }

    static byte[] nonce() {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** The listener's first frame: {@code nonce} to be answered. */
    static byte[] challenge(byte[] nonce) {
        return frame(nonce);
    }

    /** The nonce in a challenge payload (without the u16 length), or null if it is not one. */
    static byte[] nonceOf(byte[] payload) {
        return marked(payload, NONCE) ? Arrays.copyOfRange(payload, MARK.length, payload.length) : null;
    }

    static byte[] answer(String secret, byte[] nonce) {
        return frame(mac(secret, nonce));
    }

    /** Whether {@code payload} answers {@code nonce} with the right secret. */
    static boolean verify(String secret, byte[] nonce, byte[] payload) {
        if (!marked(payload, 32)) {
            return false;
        }
        return MessageDigest.isEqual(mac(secret, nonce), Arrays.copyOfRange(payload, MARK.length, payload.length));
    }

    static byte[] ok() {
        return frame(new byte[]{'O', 'K'});
    }

    static boolean isOk(byte[] payload) {
        return marked(payload, 2) && payload[MARK.length] == 'O' && payload[MARK.length + 1] == 'K';
    }

    private static boolean marked(byte[] payload, int rest) {
        return payload.length == MARK.length + rest
                && Arrays.equals(payload, 0, MARK.length, MARK, 0, MARK.length);
    }

    private static byte[] frame(byte[] data) {
        int len = MARK.length + data.length;
        byte[] f = new byte[2 + len];
        f[0] = (byte) (len >>> 8);
        f[1] = (byte) len;
        System.arraycopy(MARK, 0, f, 2, MARK.length);
        System.arraycopy(data, 0, f, 2 + MARK.length, data.length);
        return f;
    }

    private static byte[] mac(String secret, byte[] nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(nonce);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
