package io.skynetspring.samples.snax.gate;

/** The reply of the gate's {@code login}: the seed's {@code {token="abc123", userid=1001}}. */
public record LoginTicket(String token, long userid) {
}
