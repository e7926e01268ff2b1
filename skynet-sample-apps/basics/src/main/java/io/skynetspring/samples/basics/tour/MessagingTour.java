package io.skynetspring.samples.basics.tour;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import io.skynetspring.samples.basics.messaging.BatchResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** Seed section 2 as a client runs it: sends to the logger, calls with deadlines, a deferred reply, a batch. */
@Component
@Order(2)
public class MessagingTour implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("tour");

    private final Skynet skynet;

    public MessagingTour(Skynet skynet) {
        this.skynet = skynet;
    }

    @Override
    public void run(ApplicationArguments args) {
        asyncLog();
        callsWithTimeout();
        deferredResponse();
        batchQuery();
    }

    private void asyncLog() {
        skynet.send(".logger", "info", "system started");
        skynet.send(".logger", "debug", "debug information");
        skynet.send(".logger", "error", "error information");
        log.info("[2.1 async log] sent three lines without waiting; the logger has {}",
                Outcome.of(skynet.call(".logger", "recent")));
    }

    private void callsWithTimeout() {
        String data = skynet.newService("data").block(Outcome.WAIT).toString();
        Address safecall = skynet.newService("safecall").block(Outcome.WAIT);
        log.info("[2.2 safe_call] get_data key1 (answers in 5 cs, timeout 50 cs) -> {}",
                Outcome.of(skynet.call(safecall, "safe_call", data, "get_data", 50, "key1", 5)));
        log.info("[2.2 safe_call] get_data key2 (answers in 100 cs, timeout 20 cs) -> {}",
                Outcome.of(skynet.call(safecall, "safe_call", data, "get_data", 20, "key2", 100)));
        log.info("[2.2 withTimeout] get_data key3 (answers in 100 cs, timeout 200 ms) -> {}",
                Outcome.of(skynet.withTimeout(Duration.ofMillis(200)).call(data, "get_data", "key3", 100)));
    }

    private void deferredResponse() {
        Address tasks = skynet.newService("asynctask").block(Outcome.WAIT);
        long start = skynet.now();
        Mono<Object> task = skynet.call(tasks, "async_task", 100).cache();
        task.subscribe(v -> { }, e -> { });
        log.info("[2.3 deferred] async_task started; meanwhile ping -> {} after {} cs",
                Outcome.of(skynet.call(tasks, "ping")), skynet.now() - start);
        log.info("[2.3 deferred] async_task -> {} after {} cs", Outcome.of(task), skynet.now() - start);
    }

    private void batchQuery() {
        Address batch = skynet.queryService("batchquery").block(Outcome.WAIT);
        BatchResult result = skynet.call(batch, "batch_query", BatchResult.class, "player_1001", 50).block(Outcome.WAIT);
        for (BatchResult.Entry e : result.results()) {
            log.info("[2.4 batch] service {} result: {}", e.service(), e.result());
        }
        log.info("[2.4 batch] {} of 5 answered within 50 cs; timed out: {}", result.results().size(), result.timedOut());
    }
}
