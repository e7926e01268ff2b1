package io.skynetspring.benchmarks.gateway;

import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The heap in use as read from {@code jcmd GC.heap_info}, whichever collector printed it (JDK 17's texts). */
class AppProcessTest {

    @Test
    void g1PrintsOneHeap() throws IOException {
        String g1 = """
                12345:
                 garbage-first heap   total 524288K, used 30561K [0x00000000e0000000, 0x0000000100000000)
                  region size 1024K, 5 young (5120K), 0 survivors (0K)
                 Metaspace       used 48288K, committed 48896K, reserved 1114112K
                  class space    used 6161K, committed 6464K, reserved 1048576K
                """;
        assertThat(AppProcess.usedHeap(g1)).isEqualTo(30561L * 1024);
    }

    @Test
    void theParallelCollectorsGenerationsAreAddedUp() throws IOException {
        String parallel = """
                25114:
                 PSYoungGen      total 161792K, used 7426K [0x00000000f5600000, 0x0000000100000000, 0x0000000100000000)
                  eden space 149504K, 4% used [0x00000000f5600000,0x00000000f5ce8970,0x00000000fe800000)
                  from space 12288K, 2% used [0x00000000fe800000,0x00000000fe858000,0x00000000ff400000)
                  to   space 12288K, 0% used [0x00000000ff400000,0x00000000ff400000,0x0000000100000000)
                 ParOldGen       total 350208K, used 37618K [0x00000000e0000000, 0x00000000f5600000, 0x00000000f5600000)
                  object space 350208K, 10% used [0x00000000e0000000,0x00000000e24bcab0,0x00000000f5600000)
                 Metaspace       used 48288K, committed 48896K, reserved 1114112K
                  class space    used 6161K, committed 6464K, reserved 1048576K
                """;
        assertThat(AppProcess.usedHeap(parallel)).isEqualTo((7426L + 37618L) * 1024);
    }

    @Test
    void anAnswerWithoutAHeapIsAnError() {
        assertThatThrownBy(() -> AppProcess.usedHeap("12345:\nCommand executed successfully\n"))
                .isInstanceOf(IOException.class).hasMessageContaining("GC.heap_info");
    }
}
