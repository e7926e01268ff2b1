package io.skynetspring.core.socket;

import io.skynetspring.core.service.ServiceContext;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.function.Function;

/**
 * A {@link ConnectionPool}'s periodic health check: every {@code every}, takes the idle
 * connections out of lending and runs the user's check on each with a deadline on the node's
 * timer. Runs in the pool's service.
 */
final class PoolProbe {

    private final ServiceContext ctx;
    private final ConnectionPool pool;
    private final Duration every;
    private final Duration deadline;
    private final Function<Connection, ? extends Mono<?>> check;
    private Disposable timer;

    PoolProbe(ServiceContext ctx, ConnectionPool pool, Duration every, Duration deadline,
              Function<Connection, ? extends Mono<?>> check) {
        this.ctx = ctx;
        this.pool = pool;
        this.every = every;
        this.deadline = deadline;
        this.check = check;
    }

    void start() {
        timer = ctx.timeout(every, this::round);
    }

    void stop() {
        Disposable t = timer;
        timer = null;
        if (t != null) {
            t.dispose();
        }
    }

    private void round() {
        if (timer == null) {
            return;
        }
        for (PoolSlot slot : pool.takeIdleForProbe()) {
            probe(slot);
        }
        timer = ctx.timeout(every, this::round);
    }

    private void probe(PoolSlot slot) {
        Connection c = slot.conn;
        Disposable[] run = new Disposable[1];
        slot.timer = ctx.timeout(deadline, () -> {
            if (run[0] != null) {
                run[0].dispose();
            }
            pool.probed(slot, c, "no answer within " + deadline.toMillis() + " ms");
        });
        run[0] = Mono.defer(() -> check.apply(c))
                .publishOn(ctx.scheduler())
                .map(v -> (Object) v)
                .switchIfEmpty(Mono.error(() -> new SocketException("it completed empty (the peer closed?)")))
                .subscribe(v -> pool.probed(slot, c, null),
                        e -> pool.probed(slot, c, e.getMessage() == null ? e.toString() : e.getMessage()));
    }
}
