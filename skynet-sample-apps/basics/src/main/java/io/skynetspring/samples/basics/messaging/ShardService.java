package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

/**
 * One of the services a batch query of seed 2.4 asks; each answers after its own delay.
 *
 * <pre>{@code skynet.newService("shard", 1, 10)   // shard 1, answers after 10 cs}</pre>
 */
@SkynetService("shard")
public class ShardService {

    private final ServiceContext ctx;
    private long number;
    private long delayCentiseconds;

    public ShardService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Init
    public void start(long number, long delayCentiseconds) {
        this.number = number;
        this.delayCentiseconds = delayCentiseconds;
    }

    @Command
    public Mono<String> query(String query, long index) {
        return ctx.sleep(delayCentiseconds).thenReturn("shard " + number + " has " + query + " (request " + index + ")");
    }
}
