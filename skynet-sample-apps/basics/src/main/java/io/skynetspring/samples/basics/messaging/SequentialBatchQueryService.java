package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.BatchReply;
import io.skynetspring.core.service.BatchRequest;
import io.skynetspring.core.service.ServiceContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnJava;
import org.springframework.boot.system.JavaVersion;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Seed 2.4, {@code batch_query}, as the Lua is: {@code for req, resp in reqs:select()} becomes a
 * loop over {@code ctx.awaitEach(req.select(...))}, the handler waiting for each reply. Side by side
 * with {@link BatchQueryService}.
 *
 * <pre>{@code skynet.call(batch, "batch_query", BatchResult.class, "player_1001", 50).block()}</pre>
 */
@ConditionalOnJava(JavaVersion.TWENTY_ONE)
@SkynetService(value = "batchquery-seq", sequential = true)
public class SequentialBatchQueryService {

    private final ServiceContext ctx;
    private final List<Address> shards = new ArrayList<>();

    public SequentialBatchQueryService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start() {
        List<Long> delays = BatchQueryService.SHARD_DELAYS;
        for (int i = 0; i < delays.size(); i++) {
            shards.add(ctx.await(ctx.newService("shard", i + 1, delays.get(i))));
        }
    }

    @Command("batch_query")
    public BatchResult batchQuery(String query, long timeoutCentiseconds) {
        BatchRequest req = ctx.request();
        for (int i = 0; i < shards.size(); i++) {
            req.add(shards.get(i), "query", query, i + 1);
        }
        List<BatchResult.Entry> results = new ArrayList<>();
        for (BatchReply r : ctx.awaitEach(req.select(Duration.ofMillis(timeoutCentiseconds * 10)))) {
            results.add(new BatchResult.Entry(r.target(), r.ok() ? r.value() : r.error().getMessage()));
        }
        return new BatchResult(results, req.timedOut());
    }
}
