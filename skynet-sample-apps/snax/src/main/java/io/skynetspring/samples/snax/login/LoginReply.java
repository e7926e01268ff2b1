package io.skynetspring.samples.snax.login;

/**
 * The reply of {@code login} and {@code logout}: the seed's {@code {code=0, message=..., token=...,
 * gateway=...}}; code 0 is success.
 */
public record LoginReply(int code, String message, String token, String gateway) {

    static LoginReply failed(String message) {
        return new LoginReply(1, message, null, null);
    }
}
