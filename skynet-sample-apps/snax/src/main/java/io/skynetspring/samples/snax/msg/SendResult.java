package io.skynetspring.samples.snax.msg;

/** The reply of {@code sendMessage}: the seed's {@code {status="ok"}} or {@code {error="session not found"}}. */
public record SendResult(String status, String error) {

    static SendResult ok() {
        return new SendResult("ok", null);
    }

    static SendResult error(String error) {
        return new SendResult(null, error);
    }
}
