package io.skynetspring.core.snax;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Per-method call counts and times of snax services, read through the service and node-wide without messaging. */
class SnaxProfileTest extends SnaxFixture {

    @SnaxService("worker")
    public static class Worker {
        private long checksum;
        private final List<String> notes = new ArrayList<>();

        @Response
        public long work(int rounds) {
            for (int i = 0; i < rounds; i++) {
                checksum = checksum * 31 + i;
            }
            return checksum;
        }

        @Accept
        public void note(String s) {
            notes.add(s);
        }

        @Response
        public int notes() {
            return notes.size();
        }
    }

    @Test
    void countsAndTimesMoveWithCalls() {
        SnaxHandle w = snax.newService(Worker.class).block(WAIT);
        Map<String, MethodProfile> before = snax.profile(w).block(WAIT);
        assertThat(before.keySet()).containsExactly("note", "notes", "work");
        assertThat(before.values()).allMatch(p -> p.count() == 0 && p.totalNanos() == 0 && p.maxNanos() == 0);

        for (int i = 0; i < 5; i++) {
            w.req("work", 100_000).block(WAIT);
        }
        for (int i = 0; i < 3; i++) {
            w.post("note", "n" + i);
        }
        assertThat(w.req("notes").block(WAIT)).isEqualTo(3);

        Map<String, MethodProfile> after = snax.profile(w).block(WAIT);
        MethodProfile work = after.get("work");
        assertThat(work.count()).isEqualTo(5);
        assertThat(work.maxNanos()).isPositive().isLessThanOrEqualTo(work.totalNanos());
        assertThat(work.mean()).isEqualTo(work.total().dividedBy(5));
        assertThat(after.get("note").count()).isEqualTo(3);
        assertThat(after.get("notes").count()).isEqualTo(1);
        assertThat(after.get("note").totalNanos()).isPositive();
    }

    @Test
    void theNodeWideSnapshotListsLiveSnaxServicesWithoutMessagingThem() {
        SnaxHandle a = snax.newService(Worker.class).block(WAIT);
        SnaxHandle b = snax.newService(Worker.class).block(WAIT);
        rt.template("plain", ctx -> (cmd, args) -> null);
        rt.newService("plain").block(WAIT);
        a.req("work", 10).block(WAIT);
        long handledByB = rt.service(b.address()).orElseThrow().processed();

        List<SnaxProfile> all = snax.profiles();

        assertThat(all).extracting(SnaxProfile::address).containsExactly(a.address(), b.address());
        assertThat(all.get(0).methods().get("work").count()).isEqualTo(1);
        assertThat(all.get(1).methods().get("work").count()).isZero();
        assertThat(rt.service(b.address()).orElseThrow().processed()).isEqualTo(handledByB);

        rt.kill(a.address());
        await().atMost(WAIT).until(() -> rt.service(a.address()).isEmpty());
        assertThat(snax.profiles()).extracting(SnaxProfile::address).containsExactly(b.address());
    }

    @Test
    void servicesKilledWithoutTheirExitAreSweptSoTheTableStaysBounded() {
        SnaxRegistry registry = rt.existingResource(SnaxRegistry.class).orElseThrow();
        List<SnaxHandle> killed = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            killed.add(snax.newService(Worker.class).block(WAIT));
        }
        // a kill runs none of the service's code, so nothing tells the table
        killed.forEach(h -> rt.kill(h.address()));
        await().atMost(WAIT).until(() -> rt.services().isEmpty());
        assertThat(registry.size()).isEqualTo(100);

        for (int i = 0; i < 28; i++) {
            snax.newService(Worker.class).block(WAIT);
        }

        assertThat(registry.size()).isEqualTo(28);
        assertThat(snax.profiles()).hasSize(28);
    }
}
