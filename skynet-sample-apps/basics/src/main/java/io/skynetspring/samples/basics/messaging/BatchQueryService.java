package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.BatchRequest;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;

/**
 * Seed 2.4, {@code batch_query}: asks five shards at once with {@code request()} and collects the
 * replies as they arrive until the deadline. Shard 4 is slow, so a deadline shorter than its delay
 * leaves it out.
 *
 * <pre>{@code skynet.call(batch, "batch_query", BatchResult.class, "player_1001", 50).block()}</pre>
 */
@SkynetService("batchquery")
public class BatchQueryService {

    /** Reply delay of each shard in centiseconds; shard 4 is the slow one. */
    public static final List<Long> SHARD_DELAYS = List.of(10L, 0L, 30L, 200L, 20L);

    private final ServiceContext ctx;
    private List<Address> shards = List.of();

    public BatchQueryService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public Mono<Void> start() {
        return Flux.range(0, SHARD_DELAYS.size())
                .concatMap(i -> ctx.newService("shard", i + 1, SHARD_DELAYS.get(i)))
                .collectList()
                .doOnNext(started -> shards = started)
                .then();
    }

    @Command("batch_query")
    public Mono<BatchResult> batchQuery(String query, long timeoutCentiseconds) {
        BatchRequest req = ctx.request();
        for (int i = 0; i < shards.size(); i++) {
            req.add(shards.get(i), "query", query, i + 1);
        }
        return req.select(Duration.ofMillis(timeoutCentiseconds * 10))
                .map(r -> new BatchResult.Entry(r.target(), r.ok() ? r.value() : r.error().getMessage()))
                .collectList()
                .map(results -> new BatchResult(results, req.timedOut()));
    }
}
