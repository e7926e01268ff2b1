package io.skynetspring.samples.basics;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.samples.basics.messaging.BatchResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.skynetspring.samples.basics.ServicesExamplesTest.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Seed section 2 driven as a client: async log, calls with deadlines, deferred replies, batches. */
@SpringBootTest(properties = "spring.main.keep-alive=false")
class MessagingExamplesTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @Autowired
    Skynet skynet;

    @Test
    void sendsToTheLoggerArriveInOrderWithoutTheSenderWaiting() {
        String run = UUID.randomUUID().toString();
        assertThat(skynet.send(".logger", "info", "system started " + run)).isTrue();
        assertThat(skynet.send(".logger", "debug", "debug information " + run)).isTrue();
        assertThat(skynet.send(".logger", "error", "error information " + run)).isTrue();
        @SuppressWarnings("unchecked")
        List<String> recent = (List<String>) skynet.call(".logger", "recent").block(WAIT);
        assertThat(recent).containsSubsequence("INFO system started " + run, "DEBUG debug information " + run,
                "ERROR error information " + run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void safeCallAnswersWithTheReplyWhenItComesInTime(String style) {
        String data = skynet.newService("data").block(WAIT).toString();
        Address safecall = skynet.newService("safecall" + style).block(WAIT);
        assertThat(skynet.call(safecall, "safe_call", data, "get_data", 50, "key1", 5).block(WAIT))
                .isEqualTo("value of key1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void safeCallFailsWithTimeoutAtItsDeadline(String style) {
        String data = skynet.newService("data").block(WAIT).toString();
        Address safecall = skynet.newService("safecall" + style).block(WAIT);
        long start = System.nanoTime();
        ServiceException e = failure(skynet.call(safecall, "safe_call", data, "get_data", 20, "key2", 300));
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(e.reason()).isEqualTo("timeout");
        assertThat(e.service()).isEqualTo("safecall" + style);
        // at its own 20 cs deadline, well before the 300 cs reply
        assertThat(elapsedMs).isBetween(190L, 2900L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void safeCallPassesOnTheTargetsError(String style) {
        String data = skynet.newService("data").block(WAIT).toString();
        Address safecall = skynet.newService("safecall" + style).block(WAIT);
        assertThat(failure(skynet.call(safecall, "safe_call", data, "nope", 50)).getMessage())
                .contains("unknown command 'nope' for service data");
    }

    @Test
    void withTimeoutGivesACallItsOwnDeadline() {
        Address data = skynet.newService("data").block(WAIT);
        assertThatThrownBy(() -> skynet.withTimeout(Duration.ofMillis(200)).call(data, "get_data", "key3", 100)
                .block(WAIT))
                .isInstanceOfSatisfying(CallTimeoutException.class,
                        e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200)))
                .hasMessageContaining("no reply within 200 ms");
        assertThat(skynet.withTimeout(Duration.ofMillis(500)).call(data, "get_data", "key4", 1).block(WAIT))
                .isEqualTo("value of key4");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void aDeferredReplyComesLaterWhileTheServiceKeepsServing(String style) {
        Address tasks = skynet.newService("asynctask" + style).block(WAIT);
        List<Object> arrivals = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        skynet.call(tasks, "async_task", 100).subscribe(arrivals::add);
        skynet.call(tasks, "ping").subscribe(arrivals::add);
        await().atMost(WAIT).until(() -> arrivals.size() == 2);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertThat(arrivals).containsExactly("pong", 338350L);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(490L);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource(Styles.BOTH)
    void aBatchStreamsRepliesAsTheyArriveUntilItsDeadline(String style) {
        Address batch = skynet.uniqueService("batchquery" + style).block(WAIT);
        BatchResult cut = skynet.call(batch, "batch_query", BatchResult.class, "player_1001", 50).block(WAIT);
        assertThat(cut.timedOut()).isTrue();
        assertThat(cut.results()).extracting(BatchResult.Entry::result).containsExactly(
                "shard 2 has player_1001 (request 2)", "shard 1 has player_1001 (request 1)",
                "shard 5 has player_1001 (request 5)", "shard 3 has player_1001 (request 3)");

        BatchResult all = skynet.call(batch, "batch_query", BatchResult.class, "player_1002", 300).block(WAIT);
        assertThat(all.timedOut()).isFalse();
        assertThat(all.results()).hasSize(5).last().extracting(BatchResult.Entry::result)
                .isEqualTo("shard 4 has player_1002 (request 4)");
    }
}
