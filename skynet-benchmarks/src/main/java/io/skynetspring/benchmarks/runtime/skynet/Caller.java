package io.skynetspring.benchmarks.runtime.skynet;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import reactor.core.publisher.Flux;

import static io.skynetspring.benchmarks.runtime.Sizes.PAYLOAD;

/**
 * {@code run(n, echo[, payload])}: n sequential {@code ctx.call}s to echo with the payload (default
 * {@link io.skynetspring.benchmarks.runtime.Sizes#PAYLOAD}); replies with how many came back.
 */
final class Caller implements ServiceHandler {

    private final ServiceContext ctx;

    Caller(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Object dispatch(String command, Object[] args) {
        int n = (Integer) args[0];
        Address echo = (Address) args[1];
        Object payload = args.length > 2 ? args[2] : PAYLOAD;
        return Flux.range(0, n).concatMap(i -> ctx.call(echo, "echo", payload)).count();
    }
}
