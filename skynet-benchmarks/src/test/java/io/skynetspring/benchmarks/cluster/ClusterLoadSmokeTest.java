package io.skynetspring.benchmarks.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster load generator, briefly, with both JVMs' halves in this one: each workload for a second
 * against each contender's echo node on a free port. Checks that every call came back once with its own
 * id and bytes, and that a 1 MiB payload crosses both ways unchanged; no timing is asserted.
 */
class ClusterLoadSmokeTest {

    private static ClusterLoad.Settings brief(String contender, int port) {
        return new ClusterLoad.Settings(contender, port, Duration.ofMillis(300), Duration.ofSeconds(1),
                Duration.ofSeconds(1), 8, 1 << 20, List.of("sequential", "pipelined", "big"));
    }

    @Test
    void skynetCallsComeBackOnceEach() throws Exception {
        try (SkynetEchoNode node = SkynetEchoNode.start(0);
             SkynetClusterContender contender = new SkynetClusterContender(node.port())) {
            Payload big = Payload.big(1 << 20);
            assertThat(Payload.bytesOf(contender.echoOnce(big))).isEqualTo((byte[]) big.value());
            assertThat(Payload.bytesOf(contender.echoOnce(Payload.small()))).isEqualTo(Payload.SMALL_TEXT.getBytes());

            assertEveryCallCameBackOnce(ClusterLoad.run(brief("skynet", node.port()), contender), 8);
        }
    }

    @Test
    void pekkoCallsComeBackOnceEach() throws Exception {
        try (PekkoEchoNode node = PekkoEchoNode.start(0);
             PekkoClusterContender contender = new PekkoClusterContender(node.port())) {
            Payload big = Payload.big(1 << 20);
            assertThat(Payload.bytesOf(contender.echoOnce(big))).isEqualTo((byte[]) big.value());
            assertThat(Payload.bytesOf(contender.echoOnce(Payload.small()))).isEqualTo(Payload.SMALL_TEXT.getBytes());

            assertEveryCallCameBackOnce(ClusterLoad.run(brief("pekko", node.port()), contender), 8);
        }
    }

    private static void assertEveryCallCameBackOnce(List<ClusterLoad.Result> results, int pipeline) {
        assertThat(results).extracting(ClusterLoad.Result::workload)
                .containsExactly("sequential", "pipelined", "big");
        assertThat(results).extracting(ClusterLoad.Result::callers).containsExactly(1, pipeline, 1);
        for (ClusterLoad.Result r : results) {
            assertThat(r.issued()).as(r.line()).isPositive();
            assertThat(r.ok()).as(r.line()).isEqualTo(r.issued());
            assertThat(r.served()).as(r.line()).isEqualTo(r.issued());
            assertThat(r.lost()).as(r.line()).isZero();
            assertThat(r.duplicates()).as(r.line()).isZero();
            assertThat(r.mismatched()).as(r.line()).isZero();
            assertThat(r.errors()).as(r.line()).isZero();
            assertThat(r.late()).as(r.line()).isZero();
            assertThat(r.windowCalls()).as(r.line()).isPositive();
            assertThat(r.clean()).as(r.line()).isTrue();
        }
        assertThat(results.get(2).payloadBytes()).isEqualTo(1 << 20);
    }
}
