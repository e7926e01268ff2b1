package io.skynetspring.samples.basics.tour;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import io.skynetspring.samples.basics.scheduling.EventResult;
import io.skynetspring.samples.basics.scheduling.TaskResult;
import io.skynetspring.samples.basics.scheduling.TimerStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Map;

/** Seed section 3 as a client sees it: the timer task, the worker pool and events with a timeout. */
@Component
@Order(3)
public class SchedulingTour implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("tour");

    private final Skynet skynet;

    public SchedulingTour(Skynet skynet) {
        this.skynet = skynet;
    }

    @Override
    public void run(ApplicationArguments args) {
        timerTask();
        workerPool();
        events();
    }

    private void timerTask() {
        Address ticker = skynet.queryService("ticker").block(Outcome.WAIT);
        skynet.send(ticker, "login", "alice");
        skynet.send(ticker, "login", "bob");
        TimerStats stats = Flux.interval(Duration.ofMillis(50))
                .onBackpressureDrop() // a slow call (a busy machine) skips ticks instead of failing the tour
                .concatMap(i -> skynet.call(ticker, "stats", TimerStats.class))
                .filter(s -> s.saved().contains("bob"))
                .next()
                .block(Outcome.WAIT);
        log.info("[3.1 timer] after {} ticks: {} online at the last check, global data version {}, saved {}",
                stats.ticks(), stats.online(), stats.globalVersion(), stats.saved());
    }

    private void workerPool() {
        Address pool = skynet.queryService("workpool").block(Outcome.WAIT);
        Flux.range(1, 6)
                .flatMap(i -> skynet.call(pool, "submit", TaskResult.class, "add", i, i * 10))
                .concatWith(skynet.call(pool, "submit", TaskResult.class, "div", 1, 0))
                .doOnNext(r -> log.info("[3.2 workers] task {} on worker {}: ok={} result={}",
                        r.task(), r.worker(), r.ok(), r.result()))
                .blockLast(Outcome.WAIT);
    }

    private void events() {
        Address events = skynet.newService("events").block(Outcome.WAIT);
        Mono<EventResult> login = skynet.call(events, "wait_event", EventResult.class, "player_login", 500).cache();
        login.subscribe(v -> { }, e -> { });
        skynet.send(events, "fire_event", "player_login", Map.of("name", "Alice", "id", 1001));
        EventResult r = login.block(Outcome.WAIT);
        log.info("[3.3 events] player login: {}", r.ok() ? ((Map<?, ?>) r.data()).get("name") : "wait timed out");
        EventResult none = skynet.call(events, "wait_event", EventResult.class, "player_logout", 20).block(Outcome.WAIT);
        log.info("[3.3 events] player logout: {}", none.ok() ? none.data() : "wait timed out (20 cs)");
    }
}
