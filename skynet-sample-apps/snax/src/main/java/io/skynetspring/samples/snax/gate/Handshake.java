package io.skynetspring.samples.snax.gate;

/** The reply of {@code handshake}: the seed's {@code {status="ok"}}. */
public record Handshake(String status) {
}
