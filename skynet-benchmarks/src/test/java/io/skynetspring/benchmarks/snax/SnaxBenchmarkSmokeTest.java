package io.skynetspring.benchmarks.snax;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/** The bodies of {@link SnaxBenchmark} at small sizes: every request is answered, by both paths. No timing is asserted. */
class SnaxBenchmarkSmokeTest {

    @Test
    @Timeout(30)
    void everyCallAndReqIsAnsweredWithTheRunningTotal() {
        try (SnaxWork work = new SnaxWork()) {
            for (int round = 0; round < 3; round++) {
                assertThat(work.callsFromService(1_000)).isEqualTo(1_000);
                assertThat(work.reqsFromService(1_000)).isEqualTo(1_000);
            }
            assertThat(work.callFromOutside()).isEqualTo(3_001L);
            assertThat(work.reqFromOutside()).isEqualTo(3_001L);
        }
    }

    @Test
    @Timeout(30)
    void theAlternatingPairsReportBothPathsAndTheirRatio() {
        ReqVsCallPairs.Result r = ReqVsCallPairs.run(4, 200, 2);

        assertThat(r.pairs()).isEqualTo(4);
        assertThat(r.callNanos()).isPositive();
        assertThat(r.reqNanos()).isPositive();
        assertThat(r.ratioP25()).isPositive().isLessThanOrEqualTo(r.ratioMedian());
        assertThat(r.ratioMedian()).isLessThanOrEqualTo(r.ratioP75());
        assertThat(r.line()).startsWith("RESULT pairs=4 call-ns/op=");
    }
}
