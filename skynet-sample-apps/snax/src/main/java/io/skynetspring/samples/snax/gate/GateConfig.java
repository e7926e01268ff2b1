package io.skynetspring.samples.snax.gate;

/** What {@code snax.newservice("gateserver", config)} passes: where the gate listens and how many it takes. */
public record GateConfig(String host, int port, int maxClients) {
}
