package io.skynetspring.samples.basics.socket;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.socket.Connection;
import io.skynetspring.core.socket.Listener;
import io.skynetspring.core.socket.Sockets;
import reactor.core.publisher.Mono;

import java.util.ArrayList;
import java.util.List;

/**
 * The backend of the 4.4 pool example, a line-echo TCP server (seed 4.2) on a loopback port of its
 * own: every line it reads is written back. In a real node this would be another process — a
 * database proxy, a login server; here it lives in the same app so the example runs alone.
 * {@code drop} closes every client connection, as a backend restart would; while {@code mute}d it
 * reads lines and answers none, as a hung backend does.
 *
 * <pre>{@code int port = skynet.call(".echo", "port", Integer.class).block();}</pre>
 */
@SkynetService("echobackend")
public class EchoBackendService {

    private final ServiceContext ctx;
    private final Sockets sockets;
    private final List<Connection> clients = new ArrayList<>();
    private Listener listener;
    private int accepted;
    private boolean muted;

    public EchoBackendService(ServiceContext ctx) {
        this.ctx = ctx;
        this.sockets = Sockets.of(ctx);
    }

    @Init
    public Mono<Void> start() {
        return sockets.listen("127.0.0.1", 0).doOnNext(l -> {
            listener = l;
            sockets.start(l, (conn, addr) -> serve(sockets.start(conn)));
            ctx.log("echo backend listening on 127.0.0.1:" + l.port());
        }).then();
    }

    private void serve(Connection conn) {
        accepted++;
        clients.add(conn);
        conn.onClose(() -> clients.remove(conn));
        echo(conn);
    }

    private void echo(Connection conn) {
        conn.readLine().subscribe(line -> {
            if (!muted) {
                conn.write(line + "\n");
            }
            echo(conn);
        });
    }

    @Command
    public int port() {
        return listener.port();
    }

    /** Connections accepted since the start. */
    @Command
    public int accepted() {
        return accepted;
    }

    /** While on, lines are read and not answered. */
    @Command
    public boolean mute(boolean on) {
        muted = on;
        return on;
    }

    /** Closes every client connection (they see the backend hang up); answers how many. */
    @Command
    public int drop() {
        List<Connection> all = List.copyOf(clients);
        all.forEach(Connection::close);
        return all.size();
    }
}
