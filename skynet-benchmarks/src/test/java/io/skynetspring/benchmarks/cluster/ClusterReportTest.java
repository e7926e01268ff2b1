package io.skynetspring.benchmarks.cluster;

import io.skynetspring.benchmarks.runtime.report.Machine;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The results table: figures side by side, ratios, and each target met or missed as the lines say. */
class ClusterReportTest {

    private static final Machine MACHINE = new Machine(2, "23.5 GiB", "test CPU", "JDK 17");

    private static String line(String contender, String workload, double rate, double p50, double p99,
                               double mb, long issued, long served, boolean clean) {
        return "RESULT contender=" + contender + " workload=" + workload + " callers=1 payload_bytes=16 seconds=15.0"
                + " calls=1 calls_per_s=" + rate + " p50_us=" + p50 + " p99_us=" + p99 + " p999_us=1 max_us=1"
                + " mb_per_s=" + mb + " issued=" + issued + " ok=" + issued + " mismatched=0 duplicates=0 errors=0"
                + " lost=" + (issued - served) + " late=0 served=" + served + " clean=" + clean;
    }

    @Test
    void targetsMetAreSaidSo() {
        String md = ClusterReport.render(List.of(
                line("skynet", "sequential", 12000, 60, 200, 0, 100, 100, true),
                line("skynet", "pipelined", 150000, 200, 4000, 0, 100, 100, true),
                line("skynet", "big", 100, 5000, 9000, 210, 10, 10, true),
                line("pekko", "sequential", 4000, 200, 3000, 0, 50, 50, true),
                line("pekko", "pipelined", 50000, 1000, 5000, 0, 50, 50, true),
                line("pekko", "big", 120, 5000, 9000, 252, 10, 10, true)), MACHINE, "a note");

        assertThat(md).contains("- machine: 2 cores (nproc), 23.5 GiB, test CPU", "- a note");
        assertThat(md).contains("| sequential calls/s (1 caller) | 12,000 | 4,000 | 3.00 |");
        assertThat(md).contains("| pipelined p50 / p99 (ms) | 0.200 / 4.000 | 1.000 / 5.000 |  |");
        assertThat(md).contains("| 1 MiB round trips: MB/s (both ways) | 210.0 | 252.0 | 0.83 |");
        assertThat(md).contains("sequential ≥ real skynet's 10–11.5 k calls/s: 12000, met");
        assertThat(md).contains("sequential ≥ 1.5 × Pekko: 3.00 ×, met");
        assertThat(md).contains("pipelined ≥ 100 k calls/s with p99 < 5 ms: 150000 calls/s, p99 4.00 ms, met");
        assertThat(md).contains("nothing lost or answered twice (skynet-spring): met");
    }

    @Test
    void targetsMissedAreSaidSo() {
        String md = ClusterReport.render(List.of(
                line("skynet", "sequential", 10500, 60, 200, 0, 100, 100, true),
                line("skynet", "pipelined", 150000, 200, 6000, 0, 100, 99, false),
                line("pekko", "sequential", 8000, 200, 3000, 0, 50, 50, true)), MACHINE, "");

        assertThat(md).contains("10500, within skynet's range");
        assertThat(md).contains("sequential ≥ 1.5 × Pekko: 1.31 ×, missed");
        assertThat(md).contains("p99 6.00 ms, missed");
        assertThat(md).contains("nothing lost or answered twice (skynet-spring): missed");
        assertThat(md).contains("| pipelined: calls issued / served / lost / answered twice / failed or wrong"
                + " | 100 / 99 / 1 / 0 / 0 | n/a |  |");
        assertThat(md).contains("| 1 MiB round trip p50 (ms) | n/a | n/a |  |");
    }
}
