package io.skynetspring.samples.basics;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import io.skynetspring.samples.basics.scheduling.EventResult;
import io.skynetspring.samples.basics.scheduling.TaskResult;
import io.skynetspring.samples.basics.scheduling.TimerStats;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.skynetspring.samples.basics.ServicesExamplesTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Seed section 3 driven as a client: the timer task, the worker pool, events with a timeout. */
@SpringBootTest(properties = "spring.main.keep-alive=false")
class SchedulingExamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    Skynet skynet;

    private TimerStats stats(Address ticker) {
        return skynet.call(ticker, "stats", TimerStats.class).block(WAIT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void theTimerTaskTicksAndSavesWhatBecameDirty(String style) {
        Address ticker = skynet.uniqueService("ticker" + style, 20).block(WAIT);
        String player = "p" + UUID.randomUUID();
        long ticksBefore = stats(ticker).ticks();
        skynet.send(ticker, "login", player);
        await().atMost(WAIT).until(() -> stats(ticker).saved().contains(player));
        await().atMost(WAIT).until(() -> stats(ticker).ticks() >= ticksBefore + 2);
        TimerStats s = stats(ticker);
        assertThat(s.globalVersion()).isEqualTo(s.ticks());
        assertThat(s.online()).isGreaterThanOrEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void theWorkerPoolSpreadsTasksOverItsFourWorkersAndCallsBackWithResults(String style) {
        Address pool = skynet.uniqueService("workpool" + style, 4).block(WAIT);
        List<TaskResult> results = Flux.range(1, 8)
                .flatMap(i -> skynet.call(pool, "submit", TaskResult.class, "add", i, i))
                .collectList().block(WAIT);
        assertThat(results).hasSize(8).allMatch(TaskResult::ok);
        assertThat(results).extracting(TaskResult::result)
                .containsExactlyInAnyOrder(2L, 4L, 6L, 8L, 10L, 12L, 14L, 16L);
        assertThat(results).extracting(TaskResult::worker).containsOnly(1, 2, 3, 4).contains(1, 2, 3, 4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void aFailingTaskReachesItsCallbackAsNotOk(String style) {
        Address pool = skynet.uniqueService("workpool" + style, 4).block(WAIT);
        TaskResult div = skynet.call(pool, "submit", TaskResult.class, "div", 1, 0).block(WAIT);
        assertThat(div.ok()).isFalse();
        assertThat(div.result()).isEqualTo("/ by zero");
        TaskResult pow = skynet.call(pool, "submit", TaskResult.class, "pow", 2, 8).block(WAIT);
        assertThat(pow.result()).isEqualTo("unknown operation 'pow'");
        assertThat(failure(skynet.call(pool, "submit", "add", "ten", 1)).reason())
                .startsWith("command 'submit' parameter 2 (a): string \"ten\" is not a number");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void aWaiterIsWokenByTheEvent(String style) {
        Address events = skynet.newService("events" + style).block(WAIT);
        Mono<EventResult> login = skynet.call(events, "wait_event", EventResult.class, "player_login", 500).cache();
        login.subscribe();
        Map<String, Object> alice = Map.of("name", "Alice", "id", 1001);
        assertThat(skynet.call(events, "fire_event", "player_login", alice).block(WAIT)).isEqualTo(1);
        assertThat(login.block(WAIT)).isEqualTo(new EventResult(true, alice));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void anEventFiredBeforeAnyoneWaitsIsKeptForTheNextWaiter(String style) {
        Address events = skynet.newService("events" + style).block(WAIT);
        assertThat(skynet.call(events, "fire_event", "boss_spawned", "dragon").block(WAIT)).isEqualTo(0);
        assertThat(skynet.call(events, "wait_event", EventResult.class, "boss_spawned", 500).block(WAIT))
                .isEqualTo(new EventResult(true, "dragon"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void aWaitWithoutEventTimesOut(String style) {
        Address events = skynet.newService("events" + style).block(WAIT);
        long start = System.nanoTime();
        EventResult r = skynet.call(events, "wait_event", EventResult.class, "player_logout", 20).block(WAIT);
        assertThat(r.ok()).isFalse();
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(190L);
        assertThat(skynet.call(events, "fire_event", "player_logout", "late").block(WAIT)).isEqualTo(0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void ofTwoWaitersTheFirstToResumeTakesTheValue(String style) {
        Address events = skynet.newService("events" + style).block(WAIT);
        Mono<EventResult> first = skynet.call(events, "wait_event", EventResult.class, "gate", 500).cache();
        Mono<EventResult> second = skynet.call(events, "wait_event", EventResult.class, "gate", 500).cache();
        first.subscribe();
        second.subscribe();
        assertThat(skynet.call(events, "fire_event", "gate", "open").block(WAIT)).isEqualTo(2);
        assertThat(List.of(first.block(WAIT), second.block(WAIT)))
                .containsExactly(new EventResult(true, "open"), new EventResult(false, null));
    }
}
