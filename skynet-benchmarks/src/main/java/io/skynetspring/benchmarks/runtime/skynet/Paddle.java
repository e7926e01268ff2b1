package io.skynetspring.benchmarks.runtime.skynet;

import io.skynetspring.benchmarks.runtime.Tally;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * One side of a ping-pong: {@code newService("paddle", tally, peer)} serves to {@code peer} until
 * its tally ends the round; without a peer it returns every ball to whoever sent it.
 */
final class Paddle implements ServiceHandler {

    private final ServiceContext ctx;
    private Tally tally;
    private Address peer;

    Paddle(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Object init(Object[] args) {
        tally = (Tally) args[0];
        peer = args.length > 1 ? (Address) args[1] : null;
        return null;
    }

    @Override
    public Object dispatch(String command, Object[] args) {
        if (!tally.hit()) {
            ctx.send(peer != null ? peer : ctx.source(), "ball", PAYLOAD);
        }
        return null;
    }
}
