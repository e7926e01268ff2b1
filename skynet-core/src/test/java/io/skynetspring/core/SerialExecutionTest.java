package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * DESIGN.md's invariant: a service's state is touched only from its own mailbox drain, one message
 * at a time, including timer callbacks and the continuations of its async calls.
 */
class SerialExecutionTest extends RuntimeFixture {

    /** State that breaks under concurrent access, and a detector for overlapping entries. */
    static final class Fragile implements ServiceHandler {
        private final ServiceContext ctx;
        private final Map<Integer, Integer> table = new HashMap<>();
        private int inside;
        private long entries;
        final ConcurrentLinkedQueue<String> violations;

        Fragile(ServiceContext ctx, ConcurrentLinkedQueue<String> violations) {
            this.ctx = ctx;
            this.violations = violations;
        }

        /** Every path into the state goes through here. */
        private void touch(String via) {
            if (inside++ != 0) {
                violations.add("overlapping entry via " + via + " on " + Thread.currentThread().getName());
            }
            if (!ctx.self().toString().equals(org.slf4j.MDC.get("skynet.address"))) {
                violations.add("ran outside the service's drain via " + via + " on " + Thread.currentThread().getName());
            }
            for (int i = 0; i < 50; i++) {
                table.merge(i, 1, Integer::sum); // a plain HashMap: races would corrupt the counts
            }
            entries++;
            Thread.onSpinWait();
            inside--;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            touch("handler " + command);
            switch (command) {
                case "timer" -> ctx.timeout(0, () -> touch("timeout"));
                case "sleep" -> {
                    return ctx.sleep(Duration.ofMillis(1)).doOnSuccess(x -> touch("sleep continuation"));
                }
                case "relay" -> {
                    return ctx.call((Address) args[0], "echo", 1)
                            .doOnNext(v -> touch("call continuation"));
                }
                case "fork" -> ctx.fork(() -> touch("fork"));
                case "blocking" -> {
                    return ctx.blocking(() -> 1).doOnNext(v -> touch("blocking continuation"));
                }
                case "foreign" -> {
                    return Mono.delay(Duration.ofMillis(1)).publishOn(ctx.scheduler())
                            .doOnNext(v -> touch("scheduler continuation"));
                }
                case "count" -> {
                    return List.of(entries, (long) table.get(0));
                }
                default -> { }
            }
            return null;
        }
    }

    @Test
    void noTwoEntriesOfOneServiceEverOverlap() {
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        rt.template("fragile", ctx -> new Fragile(ctx, violations));
        rt.template("echo", ctx -> (c, a) -> a[0]);
        rt.template("driver", ctx -> (c, a) -> Flux.range(0, 200)
                .flatMap(i -> ctx.call((Address) a[0], i % 2 == 0 ? "relay" : "sleep", a[1]))
                .then());
        Address fragile = rt.newService("fragile").block(WAIT);
        Address echo = rt.newService("echo").block(WAIT);
        List<Address> drivers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            drivers.add(rt.newService("driver").block(WAIT));
        }

        String[] commands = {"plain", "timer", "sleep", "relay", "fork", "blocking", "foreign"};
        int perThread = 700;
        Flux<Object> outside = Flux.range(0, 4).parallel(4).runOn(Schedulers.parallel())
                .flatMap(t -> Flux.range(0, perThread)
                        .concatMap(i -> rt.call(fragile, commands[i % commands.length], echo).defaultIfEmpty("")))
                .sequential();
        Flux<Object> inside = Flux.fromIterable(drivers)
                .flatMap(d -> rt.withTimeout(Duration.ofSeconds(30)).call(d, "drive", fragile, echo).defaultIfEmpty(""));
        Flux.merge(outside, inside).blockLast(Duration.ofSeconds(60));

        // handler entries + one continuation for every command but "plain"; drivers add 2 entries per call
        long expected = 4L * perThread + 4L * perThread / commands.length * 6 + 4L * 200 * 2;
        await().atMost(WAIT).untilAsserted(() -> {
            @SuppressWarnings("unchecked")
            List<Long> counts = (List<Long>) rt.call(fragile, "count").block(WAIT);
            assertThat(counts.get(0)).isEqualTo(expected + 1);
            assertThat(counts.get(1)).isEqualTo(expected + 1);
        });
        assertThat(violations).isEmpty();
    }
}
