package io.skynetspring.boot.console.web;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** What a snapshot lists: the busiest services up to the cap, totals over all, the dead gone. */
class ConsoleSamplerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final SkynetRuntime runtime = SkynetRuntime.start(
            new NodeSettings(2, 64, 1024, Duration.ofSeconds(5), 0), Duration.ofSeconds(2));

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void aCappedSnapshotListsTheBusiestAndTotalsCoverAll() {
        runtime.template("echo", ctx -> (command, args) -> command);
        List<Address> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(runtime.newService("echo").block(WAIT));
        }
        ConsoleSampler sampler = new ConsoleSampler(runtime, List::of, Duration.ofMillis(100), 2);
        ConsoleSnapshot first = sampler.current();
        assertThat(first.totals().services()).isEqualTo(6);
        assertThat(first.totals().listed()).isEqualTo(2);
        assertThat(first.services()).hasSize(2);

        Address busy = all.get(4);
        for (int i = 0; i < 20; i++) {
            runtime.call(busy, "ping").block(WAIT);
        }
        await().atMost(WAIT).untilAsserted(() -> {
            ConsoleSnapshot s = sampler.current();
            assertThat(s.services().get(0).address()).isEqualTo(busy.toString());
            assertThat(s.services().get(0).rate()).isPositive();
        });
        long handled = all.stream().mapToLong(a -> runtime.service(a).orElseThrow().processed()).sum();
        assertThat(sampler.current().totals().messages()).isEqualTo(handled);
    }

    @Test
    void aKilledServiceLeavesTheNextSnapshot() {
        runtime.template("echo", ctx -> (command, args) -> command);
        Address doomed = runtime.newService("echo").block(WAIT);
        Address kept = runtime.newService("echo").block(WAIT);
        ConsoleSampler sampler = new ConsoleSampler(runtime, List::of, Duration.ofMillis(100), 10);
        assertThat(sampler.current().services()).extracting(ServiceRow::address)
                .contains(doomed.toString(), kept.toString());

        runtime.kill(doomed);
        await().atMost(WAIT).untilAsserted(() -> assertThat(sampler.current().services())
                .extracting(ServiceRow::address).containsExactly(kept.toString()));
        assertThat(sampler.current().totals().services()).isEqualTo(1);
    }
}
