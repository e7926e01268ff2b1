package io.skynetspring.benchmarks.gate;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The gate load generator, briefly: 20 connections for a couple of seconds against both servers. */
class GateLoadSmokeTest {

    private static LoadGenerator.Settings brief(int port, String mode, String label) {
        return new LoadGenerator.Settings(port, 0, mode, 20, 2000, Duration.ofSeconds(2), Duration.ofMillis(500),
                64, 1, label);
    }

    @Test
    void theGateEchoesUnderLoad() throws Exception {
        try (GateEchoNode node = GateEchoNode.start(0, false)) {
            LoadGenerator.Result r = LoadGenerator.run(brief(node.port(), "max", "gate"));
            assertThat(r.connected()).isEqualTo(20);
            assertThat(r.errors()).isZero();
            assertThat(r.messagesPerSecond()).isPositive();
            LoadGenerator.Result paced = LoadGenerator.run(brief(node.port(), "rate", "gate"));
            assertThat(paced.messagesPerSecond()).isPositive();
            assertThat(paced.p99Micros()).isPositive();
        }
    }

    @Test
    void thePlainServerEchoesUnderLoad() throws Exception {
        try (PlainEchoServer server = PlainEchoServer.start(0)) {
            LoadGenerator.Result r = LoadGenerator.run(brief(server.port(), "max", "plain"));
            assertThat(r.connected()).isEqualTo(20);
            assertThat(r.errors()).isZero();
            assertThat(r.messagesPerSecond()).isPositive();
        }
    }
}
