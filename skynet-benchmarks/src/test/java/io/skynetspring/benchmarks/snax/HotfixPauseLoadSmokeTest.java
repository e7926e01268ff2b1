package io.skynetspring.benchmarks.snax;

import io.skynetspring.benchmarks.snax.ledger.LedgerVersions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link HotfixPauseLoad} at a small size: swaps happen and take effect, nothing is lost or doubled. No timing is asserted. */
class HotfixPauseLoadSmokeTest {

    @Test
    @Timeout(60)
    void tenSwapsUnderLoadLoseNothingAndEachTakesEffect() throws Exception {
        HotfixPauseLoad.Result r = HotfixPauseLoad.run(10, 2, Duration.ofMillis(5), Duration.ofMillis(200),
                Duration.ofMillis(200), false);

        assertThat(r.swaps()).isEqualTo(10);
        assertThat(r.pauses()).hasSize(10);
        assertThat(r.pauses()[0]).isPositive();
        assertThat(r.gapsAroundSwaps()).hasSize(10);
        assertThat(r.gapsAroundSwaps()[0]).as("the smallest gap (sorted)").isPositive();
        assertThat(r.quietGaps()).isNotEmpty();
        assertThat(r.sent()).isPositive();
        assertThat(r.ledger().received()).isEqualTo(r.sent());
        assertThat(r.lost()).isZero();
        assertThat(r.ledger().duplicated()).isZero();
        assertThat(r.wrongReplies()).isZero();
        assertThat(r.versionMismatches()).isZero();
        assertThat(r.line()).startsWith("RESULT swaps=10 ").contains(" lost=0 duplicated=0 ");
    }

    @Test
    @Timeout(60)
    void theControlRunLoadsTheVersionsWithoutSwapping() throws Exception {
        HotfixPauseLoad.Result r = HotfixPauseLoad.run(5, 1, Duration.ofMillis(5), Duration.ofMillis(100),
                Duration.ofMillis(100), true);

        assertThat(r.pauses()).isEmpty();
        assertThat(r.gapsAroundSwaps()).hasSize(5);
        assertThat(r.lost()).isZero();
        assertThat(r.line()).startsWith("RESULT swaps=5 (control: classes loaded, nothing swapped) ");
    }

    @Test
    void versionZeroOfTheGeneratedSourceIsTheCompiledLedger() throws Exception {
        Path ledger = Path.of("src/main/java/io/skynetspring/benchmarks/snax/ledger/Ledger.java");
        assertThat(LedgerVersions.source(0)).isEqualTo(Files.readString(ledger));
    }

    @Test
    void percentilesOfASortedArray() {
        long[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(HotfixPauseLoad.percentile(sorted, 50)).isEqualTo(5);
        assertThat(HotfixPauseLoad.percentile(sorted, 99)).isEqualTo(10);
        assertThat(HotfixPauseLoad.percentile(sorted, 100)).isEqualTo(10);
        assertThat(HotfixPauseLoad.percentile(new long[0], 99)).isZero();
    }
}
