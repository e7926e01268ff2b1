package io.skynetspring.core;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.BatchReply;
import io.skynetspring.core.service.BatchRequest;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class BatchRequestTest extends RuntimeFixture {

    /** Replies after args[1] milliseconds with "shard-N:query". */
    private void shardTemplate() {
        rt.template("shard", ctx -> (cmd, args) -> ctx.sleep(Duration.ofMillis(((Number) args[1]).longValue()))
                .thenReturn(args[2] + ":" + args[0]));
    }

    @Test
    void repliesStreamInCompletionOrderAndTheDeadlineCutsTheSlowOne() {
        shardTemplate();
        Address[] shards = new Address[4];
        for (int i = 0; i < shards.length; i++) {
            shards[i] = rt.newService("shard").block(WAIT);
        }
        BatchRequest req = rt.request();
        req.add(shards[0], "query", "player_1001", 120, "s0");
        req.add(shards[1], "query", "player_1001", 10, "s1");
        req.add(shards[2], "query", "player_1001", 60, "s2");
        req.add(shards[3], "query", "player_1001", 3000, "s3");

        List<BatchReply> replies = req.select(Duration.ofMillis(600)).collectList().block(WAIT);

        assertThat(replies).extracting(BatchReply::value).containsExactly("s1:player_1001", "s2:player_1001",
                "s0:player_1001");
        assertThat(replies).extracting(BatchReply::index).containsExactly(1, 2, 0);
        assertThat(req.timedOut()).isTrue();
        await().atMost(WAIT).until(() -> rt.lateReplies() == 1);
    }

    @Test
    void invalidTargetsComeFirstAndFailuresAreReported() {
        shardTemplate();
        rt.template("broken", ctx -> (cmd, args) -> Mono.error(new IllegalStateException("disk gone")));
        Address shard = rt.newService("shard").block(WAIT);
        Address broken = rt.newService("broken").block(WAIT);

        BatchRequest req = rt.request()
                .add(shard, "query", "k", 20, "s")
                .add(".nosuch", "query", "k", 0, "x")
                .add(broken, "query", "k");
        List<BatchReply> replies = req.select(Duration.ofSeconds(2)).collectList().block(WAIT);

        assertThat(replies).hasSize(3);
        assertThat(replies.get(0).index()).isEqualTo(1);
        assertThat(replies.get(0).ok()).isFalse();
        assertThat(replies.get(0).error()).hasMessageContaining("call to invalid address .nosuch");
        BatchReply fromBroken = replies.stream().filter(r -> r.index() == 2).findFirst().orElseThrow();
        assertThat(fromBroken.error()).hasMessageContaining("disk gone");
        BatchReply fromShard = replies.stream().filter(r -> r.index() == 0).findFirst().orElseThrow();
        assertThat(fromShard.value()).isEqualTo("s:k");
        assertThat(req.timedOut()).isFalse();
    }

    @Test
    void batchInsideAServiceCollectsOnItsOwnExecutor() {
        shardTemplate();
        rt.template("gather", ctx -> (cmd, args) -> {
            BatchRequest req = ctx.request();
            for (Object a : (List<?>) args[0]) {
                req.add((Address) a, "query", "q", 5, ((Address) a).toString());
            }
            return req.select(Duration.ofSeconds(2)).map(r -> (String) r.value()).collectSortedList();
        });
        Address s1 = rt.newService("shard").block(WAIT);
        Address s2 = rt.newService("shard").block(WAIT);
        Address g = rt.newService("gather").block(WAIT);

        assertThat(rt.call(g, "gather", List.of(s1, s2)).block(WAIT))
                .isEqualTo(List.of(s1 + ":q", s2 + ":q").stream().sorted().toList());
    }
}
