package io.skynetspring.core;

import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.BatchReply;
import io.skynetspring.core.service.BatchRequest;
import io.skynetspring.core.service.Responder;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.service.ServiceTemplate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Sequential services (docs/sequential.md): handlers that wait with {@code ctx.await} as skynet
 * coroutines do, the service handling other messages meanwhile, never two handlers at once.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class SequentialServiceTest extends RuntimeFixture {

    private static ServiceTemplate sequential(ServiceTemplate t) {
        return ServiceTemplate.sequential(t);
    }

    @Test
    void aHandlerWaitsForACallAndReturnsAPlainValue() {
        rt.template("adder", ctx -> (c, a) -> (Long) a[0] + (Long) a[1]);
        rt.template("seq", sequential(ctx -> (c, a) -> {
            Address adder = ctx.await(ctx.newService("adder"));
            long sum = ctx.callBlocking(adder, "add", Long.class, 2L, 3L);
            ctx.await(ctx.sleep(1));
            return "sum " + sum + " for " + ctx.source();
        }));
        Address seq = rt.newService("seq").block(WAIT);
        assertThat(rt.call(seq, "go").block(WAIT)).isEqualTo("sum 5 for :00000000");
    }

    /** Every path into the state checks that no other handler of the service is inside. */
    static final class Fragile implements ServiceHandler {
        private final ServiceContext ctx;
        private final ConcurrentLinkedQueue<String> violations;
        private final Map<Integer, Integer> table = new HashMap<>();
        private int inside;
        private long entries;

        Fragile(ServiceContext ctx, ConcurrentLinkedQueue<String> violations) {
            this.ctx = ctx;
            this.violations = violations;
        }

        private void touch(String via) {
            if (inside++ != 0) {
                violations.add("overlapping entry via " + via);
            }
            if (!ctx.self().toString().equals(org.slf4j.MDC.get("skynet.address"))) {
                violations.add("no service MDC via " + via + " on " + Thread.currentThread());
            }
            for (int i = 0; i < 50; i++) {
                table.merge(i, 1, Integer::sum);
                Thread.onSpinWait();
            }
            entries++;
            inside--;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            touch(command + " before");
            switch (command) {
                case "sleep" -> ctx.await(ctx.sleep(Duration.ofMillis(1)));
                case "call" -> ctx.callBlocking((Address) args[0], "echo", 1);
                case "yield" -> ctx.await(ctx.yield());
                case "blocking" -> ctx.await(ctx.blocking(() -> 1));
                case "foreign" -> ctx.await(Mono.delay(Duration.ofMillis(1)));
                case "fork" -> ctx.fork(() -> {
                    touch("fork before");
                    ctx.await(ctx.sleep(Duration.ofMillis(1)));
                    touch("fork after");
                });
                case "count" -> {
                    return List.of(entries, (long) table.get(0));
                }
                default -> { }
            }
            touch(command + " after");
            return command;
        }
    }

    @Test
    void twoHandlersOfOneServiceNeverOverlapWhileTheirSuspensionsInterleave() {
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        rt.template("fragile", sequential(ctx -> new Fragile(ctx, violations)));
        rt.template("echo", ctx -> (c, a) -> a[0]);
        Address fragile = rt.newService("fragile").block(WAIT);
        Address echo = rt.newService("echo").block(WAIT);
        List<String> kinds = List.of("sleep", "call", "yield", "blocking", "foreign", "fork", "plain");
        List<Object> replies = Flux.range(0, 700)
                .flatMap(i -> rt.call(fragile, kinds.get(i % kinds.size()), echo), 64)
                .collectList().block(Duration.ofSeconds(30));
        assertThat(replies).hasSize(700);
        // 700 handlers enter twice; 100 forks enter twice more
        await().atMost(WAIT).untilAsserted(() -> assertThat(rt.call(fragile, "count").block(WAIT))
                .isEqualTo(List.of(1600L + 1, 1600L + 1)));
        assertThat(violations).isEmpty();
    }

    @Test
    void anotherMessageIsHandledWhileOneWaitsAndWakesIt() {
        rt.template("gate", sequential(ctx -> new ServiceHandler() {
            final Object token = new Object();
            final List<String> log = new ArrayList<>();

            @Override
            public Object dispatch(String c, Object[] a) {
                switch (c) {
                    case "wait" -> {
                        log.add("waiting");
                        ctx.await(ctx.wait(token));
                        log.add("woken");
                        return log;
                    }
                    case "open" -> {
                        log.add("open");
                        return ctx.wakeup(token);
                    }
                    default -> throw new ServiceException("unknown " + c);
                }
            }
        }));
        Address gate = rt.newService("gate").block(WAIT);
        Mono<Object> waiting = rt.call(gate, "wait").cache();
        waiting.subscribe();
        await().atMost(WAIT).until(() -> Boolean.TRUE.equals(rt.call(gate, "open").block(WAIT)));
        assertThat(waiting.block(WAIT)).isEqualTo(List.of("waiting", "open", "woken"));
    }

    @Test
    void aDeferredReplyTakenAfterASuspensionIsAnsweredOnceByTheResponder() {
        AtomicReference<Responder> held = new AtomicReference<>();
        rt.template("deferred", sequential(ctx -> (c, a) -> {
            if (c.equals("take")) {
                ctx.await(ctx.sleep(1));
                held.set(ctx.response());
                return "not the reply";
            }
            held.get().reply("from " + c);
            return null;
        }));
        Address d = rt.newService("deferred").block(WAIT);
        Mono<Object> taken = rt.call(d, "take").cache();
        taken.subscribe();
        await().atMost(WAIT).until(() -> held.get() != null);
        rt.send(d, "answer");
        assertThat(taken.block(WAIT)).isEqualTo("from answer");
        assertThat(stats(d).openReplies()).isZero();
    }

    @Test
    void anErrorAfterASuspensionReachesTheCaller() {
        rt.template("failing", sequential(ctx -> (c, a) -> {
            ctx.await(ctx.sleep(1));
            throw new ServiceException("no player " + a[0]);
        }));
        Address f = rt.newService("failing").block(WAIT);
        assertThatThrownBy(() -> rt.call(f, "get", 1002).block(WAIT)).hasMessageContaining("no player 1002");
    }

    @Test
    void aCallDeadlineEndsTheWaitWithATimeout() {
        rt.template("silent", ctx -> (c, a) -> {
            ctx.response(); // never answered
            return null;
        });
        rt.template("asker", sequential(ctx -> (c, a) -> {
            Address silent = ctx.await(ctx.newService("silent"));
            long start = System.nanoTime();
            try {
                ctx.await(ctx.withTimeout(Duration.ofMillis(200)).call(silent, "get"));
                return "answered?";
            } catch (CallTimeoutException e) {
                return "timed out after " + (System.nanoTime() - start) / 1_000_000 / 100 * 100 + " ms";
            }
        }));
        Address asker = rt.newService("asker").block(WAIT);
        assertThat(rt.call(asker, "go").block(WAIT)).isEqualTo("timed out after 200 ms");
    }

    @Test
    void killingAServiceEndsItsSuspendedHandlersAndFailsTheirCallersAtOnce() {
        AtomicInteger unwound = new AtomicInteger();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        rt.template("sleeper", sequential(ctx -> (c, a) -> {
            try {
                ctx.await(ctx.sleep(Duration.ofMinutes(10)));
                return "slept";
            } catch (ServiceException e) {
                seen.set(e);
                throw e;
            } finally {
                unwound.incrementAndGet();
            }
        }));
        Address sleeper = rt.newService("sleeper").block(WAIT);
        List<Mono<Object>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Mono<Object> call = rt.call(sleeper, "sleep").cache();
            call.subscribe(v -> { }, e -> { });
            calls.add(call);
        }
        await().atMost(WAIT).until(() -> stats(sleeper).openReplies() == 3);
        long start = System.nanoTime();
        rt.kill(sleeper);
        for (Mono<Object> call : calls) {
            assertThatThrownBy(() -> call.block(WAIT)).hasMessageContaining("was killed");
        }
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(2_000);
        assertThat(unwound).hasValue(3);
        assertThat(seen.get()).hasMessageContaining("service " + sleeper + " was killed");
    }

    @Test
    void aBatchIsSelectedOneReplyAtATime() {
        rt.template("shard", ctx -> (c, a) -> ctx.sleep((Long) a[0]).thenReturn("shard " + a[0]));
        rt.template("batch", sequential(ctx -> (c, a) -> {
            Address shard = ctx.await(ctx.newService("shard"));
            BatchRequest req = ctx.request();
            req.add(shard, "q", 5L).add(shard, "q", 1L).add(shard, "q", 500L);
            List<String> got = new ArrayList<>();
            for (BatchReply r : ctx.awaitEach(req.select(Duration.ofMillis(300)))) {
                got.add((String) r.value());
            }
            got.add("timed out " + req.timedOut());
            return got;
        }));
        Address batch = rt.newService("batch").block(WAIT);
        assertThat(rt.call(batch, "go").block(WAIT)).isEqualTo(List.of("shard 1", "shard 5", "timed out true"));
    }

    @Test
    void initAndForkedTasksMayWaitToo() {
        rt.template("ticker", sequential(ctx -> new ServiceHandler() {
            final List<String> seen = new ArrayList<>();

            @Override
            public Object init(Object[] args) {
                ctx.await(ctx.sleep(1));
                seen.add("init");
                ctx.fork(() -> {
                    for (int i = 0; i < 3; i++) {
                        ctx.await(ctx.sleep(1));
                        seen.add("tick " + i);
                    }
                });
                return null;
            }

            @Override
            public Object dispatch(String c, Object[] a) {
                return List.copyOf(seen);
            }
        }));
        Address ticker = rt.newService("ticker").block(WAIT);
        await().atMost(WAIT).untilAsserted(() -> assertThat(rt.call(ticker, "seen").block(WAIT))
                .isEqualTo(List.of("init", "tick 0", "tick 1", "tick 2")));
    }

    @Test
    void awaitOutsideASequentialHandlerIsRefusedWithTheWayOut() {
        rt.template("plain", ctx -> (c, a) -> ctx.await(ctx.sleep(1)));
        Address plain = rt.newService("plain").block(WAIT);
        assertThatThrownBy(() -> rt.call(plain, "go").block(WAIT))
                .hasMessageContaining("ctx.await called on thread")
                .hasMessageContaining("@SkynetService(sequential = true) or ServiceTemplate.sequential(...)");
    }

    @Test
    void blockInsideAHandlerIsRefusedOnTheVirtualWorkersAsOnPlatformOnes() {
        rt.template("plain", ctx -> (c, a) -> ctx.sleep(1).block());
        rt.template("seq", sequential(ctx -> (c, a) -> ctx.sleep(1).block()));
        Address plain = rt.newService("plain").block(WAIT);
        Address seq = rt.newService("seq").block(WAIT);
        // the workers are virtual threads now (the node has a sequential template), and still refuse it
        assertThatThrownBy(() -> rt.call(plain, "go").block(WAIT))
                .hasMessageContaining("block()/blockFirst()/blockLast() are blocking");
        assertThatThrownBy(() -> rt.call(seq, "go").block(WAIT))
                .hasMessageContaining("block()/blockFirst()/blockLast() are blocking");
        // and ctx.await is the way in a sequential handler
        rt.template("awaiting", sequential(ctx -> (c, a) -> ctx.await(ctx.sleep(1).thenReturn("slept"))));
        Address awaiting = rt.newService("awaiting").block(WAIT);
        assertThat(rt.call(awaiting, "go").block(WAIT)).isEqualTo("slept");
    }

    @Test
    void aThreadStartedByTheHandlerDoesNotCountAsTheServiceDrain() {
        rt.template("spawner", sequential(ctx -> (c, a) -> {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread t = new Thread(() -> {
                try {
                    ctx.source();
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            t.start();
            t.join();
            // the handler itself is the drain while it runs
            return ctx.source() + " / " + failure.get().getMessage();
        }));
        Address spawner = rt.newService("spawner").block(WAIT);
        assertThat((String) rt.call(spawner, "go").block(WAIT))
                .startsWith(":00000000 / ctx.source called on thread");
    }

    @Test
    void aHundredThousandHandlersWaitAcrossTenThousandServices() {
        int services = 10_000;
        int perService = 10;
        AtomicInteger resumed = new AtomicInteger();
        rt.template("parker", sequential(ctx -> new ServiceHandler() {
            final Object token = new Object();
            int waiting;

            @Override
            public Object dispatch(String c, Object[] a) {
                if (c.equals("park")) {
                    waiting++;
                    ctx.await(ctx.wait(a[0]));
                    waiting--;
                    resumed.incrementAndGet();
                    return null;
                }
                if (c.equals("waiting")) {
                    return waiting;
                }
                for (int i = 0; i < perService; i++) {
                    ctx.wakeup(i);
                }
                return null;
            }
        }));
        List<Address> all = Flux.range(0, services).flatMap(i -> rt.newService("parker"), 8)
                .collectList().block(Duration.ofSeconds(60));
        for (Address a : all) {
            for (int i = 0; i < perService; i++) {
                rt.send(a, "park", i);
            }
        }
        // a count taken while the parks are still queued may time out on a loaded machine: count again
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> Flux.fromIterable(all)
                .flatMap(a -> rt.call(a, "waiting", Integer.class), 64).reduce(0, Integer::sum)
                .block(Duration.ofSeconds(30)) == services * perService);
        assertThat(resumed).hasValue(0);
        for (Address a : all) {
            rt.send(a, "wake");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> resumed.get() == services * perService);
    }
}
