package io.skynetspring.samples.basics.messaging;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

/**
 * The {@code my_service} of seed 2.2: answers {@code get_data} after a delay the caller chooses,
 * so that a call can be made to miss its deadline.
 *
 * <pre>{@code skynet.call(data, "get_data", "key1", 5).block()   // "value of key1", 50 ms later}</pre>
 */
@SkynetService("data")
public class DataService {

    private final ServiceContext ctx;

    public DataService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command("get_data")
    public Mono<String> getData(String key, long delayCentiseconds) {
        return ctx.sleep(delayCentiseconds).thenReturn("value of " + key);
    }
}
