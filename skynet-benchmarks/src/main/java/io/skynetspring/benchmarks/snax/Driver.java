package io.skynetspring.benchmarks.snax;

import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.snax.SnaxHandle;
import reactor.core.publisher.Flux;

/**
 * A service that makes {@code n} sequential requests and replies with how many were answered:
 * {@code call(n, address)} with {@code ctx.call}, {@code req(n, handle)} with {@code handle.req}.
 */
final class Driver implements ServiceHandler {

    private static final Long ONE = 1L;

    private final ServiceContext ctx;

    Driver(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Object dispatch(String command, Object[] args) {
        int n = (Integer) args[0];
        return switch (command) {
            case "call" -> {
                Address target = (Address) args[1];
                yield Flux.range(0, n).concatMap(i -> ctx.call(target, "add", ONE)).count();
            }
            case "req" -> {
                SnaxHandle target = (SnaxHandle) args[1];
                yield Flux.range(0, n).concatMap(i -> target.req("add", ONE)).count();
            }
            default -> throw new IllegalArgumentException("unknown command " + command);
        };
    }
}
