package io.skynetspring.samples.basics.tour;

import io.skynetspring.core.Skynet;
import io.skynetspring.core.socket.PoolStat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;

/** Seed 4.4 as a client sees it: requests over the pool, then the backend drops every connection and the pool refills. */
@Component
@Order(4)
public class SocketTour implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger("tour");

    private final Skynet skynet;

    public SocketTour(Skynet skynet) {
        this.skynet = skynet;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<Object> replies = Flux.range(1, 6)
                .flatMap(i -> skynet.call(".poolclient", "request", "hello " + i))
                .collectList().block(Outcome.WAIT);
        PoolStat before = stat();
        log.info("[4.4 pool] 6 requests at once over {} connections -> {}; the backend accepted {} connections",
                before.size(), replies, Outcome.of(skynet.call(".echo", "accepted")));

        log.info("[4.4 pool] the backend hangs up on {} connections", Outcome.of(skynet.call(".echo", "drop")));
        PoolStat after = Flux.interval(Duration.ofMillis(50))
                .onBackpressureDrop() // a slow call (a busy machine) skips ticks instead of failing the tour
                .concatMap(i -> skynet.call(".poolclient", "stat", PoolStat.class))
                .filter(s -> s.lost() >= before.lost() + before.size() && s.idle() == s.size())
                .next()
                .block(Outcome.WAIT);
        log.info("[4.4 pool] refilled: {} lost, {} reconnects, {} open; request -> {}", after.lost(),
                after.reconnects(), after.open(), Outcome.of(skynet.call(".poolclient", "request", "after the drop")));
    }

    private PoolStat stat() {
        return skynet.call(".poolclient", "stat", PoolStat.class).block(Outcome.WAIT);
    }
}
