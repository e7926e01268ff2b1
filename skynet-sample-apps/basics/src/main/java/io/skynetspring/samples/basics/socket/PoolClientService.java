package io.skynetspring.samples.basics.socket;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.socket.ConnectionPool;
import io.skynetspring.core.socket.PoolOptions;
import io.skynetspring.core.socket.PoolStat;
import io.skynetspring.core.socket.Sockets;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Seed 4.4, a socket connection pool: a service keeps {@code size} connections to one backend and
 * lends one to each request, so requests run side by side without a connect each. The pool
 * replaces connections the backend drops, backing off while it is down; other services reach the
 * backend by calling this one.
 *
 * <pre>{@code skynet.call(".poolclient", "request", String.class, "hello").block()   // "hello", echoed}</pre>
 */
@SkynetService("poolclient")
public class PoolClientService {

    private final ServiceContext ctx;
    private ConnectionPool pool;

    public PoolClientService(ServiceContext ctx) {
        this.ctx = ctx;
    }

    /** Asks {@code backend} (a service name or address) for its port, then opens {@code size} connections to it. */
    @Init
    public Mono<Void> start(String backend, int size) {
        return ctx.call(backend, "port", Integer.class).doOnNext(port -> {
            pool = ConnectionPool.open(Sockets.of(ctx), "127.0.0.1", port, PoolOptions.defaults()
                    .withSize(size)
                    .withCheckoutTimeout(Duration.ofSeconds(1))
                    .withExchangeTimeout(Duration.ofSeconds(1)));
            // an idle connection that stops answering is found before a request needs it
            pool.probe(Duration.ofSeconds(10), c -> {
                c.write("ping\n");
                return c.readLine();
            });
            ctx.log("pool of", size, "connections to", pool.backend());
        }).then();
    }

    /** Sends one line over a pooled connection and answers the backend's reply line. */
    @Command
    public Mono<String> request(String line) {
        if (line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
            // a second line would leave a reply behind on the connection for the next request to read
            throw new IllegalArgumentException("request: the line must not contain a line break; send one line per request");
        }
        return pool.use(c -> {
            c.write(line + "\n");
            return c.readLine();
        }).switchIfEmpty(Mono.error(() -> new ServiceException("the backend " + pool.backend()
                + " closed the connection before answering \"" + line + "\"; send the request again")));
    }

    @Command
    public PoolStat stat() {
        return pool.stat();
    }
}
