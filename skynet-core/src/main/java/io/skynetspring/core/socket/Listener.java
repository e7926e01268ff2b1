package io.skynetspring.core.socket;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * A listening TCP socket (skynet's {@code socket.listen} id). It accepts nothing until started, so
 * clients wait in the kernel's backlog, as in skynet.
 *
 * <pre>{@code sockets.listen("0.0.0.0", 0).subscribe(l -> ctx.log("listening on", l.port()));}</pre>
 */
public final class Listener implements SocketEntry {

    private final int id;
    private final Sockets sockets;
    private final String host;
    private volatile DisposableServer server;
    private volatile Consumer<reactor.netty.Connection> acceptor;

    private Listener(Sockets sockets, String host) {
        this.id = sockets.driver().nextId();
        this.sockets = sockets;
        this.host = host;
    }

    /**
     * Binds; {@code acceptor} (may be set later by {@link #start}) runs on the event loop for every
     * accepted channel. {@code nodelay} null keeps Reactor Netty's default (on).
     */
    static Mono<Listener> bind(Sockets sockets, String host, int port, int backlog, Boolean nodelay) {
        SocketDriver driver = sockets.driver();
        Listener l = new Listener(sockets, host);
        TcpServer server = TcpServer.create()
                .host(host)
                .port(port)
                .runOn(driver.loops())
                .option(ChannelOption.AUTO_READ, false)
                .doOnConnection(l::accepted);
        if (backlog > 0) {
            server = server.option(ChannelOption.SO_BACKLOG, backlog);
        }
        if (nodelay != null) {
            server = server.childOption(ChannelOption.TCP_NODELAY, nodelay);
        }
        return server.bind()
                .onErrorMap(e -> new SocketException("Listen error: cannot bind " + host + ":" + port + " for service "
                        + sockets.self() + ": " + e.getMessage(), e))
                .map(s -> {
                    l.server = s;
                    if (!driver.register(l)) {
                        throw new SocketException("Listen error: the socket driver is closed");
                    }
                    s.onDispose(() -> driver.unregister(l));
                    return l;
                });
    }

    public int id() {
        return id;
    }

    /** The address it is bound to, as given to {@code listen}. */
    public String host() {
        return host;
    }

    /** The real port (the one picked when listening on port 0). */
    public int port() {
        return server.port();
    }

    /**
     * Stops listening at once; accepted connections stay open. The result completes in the owning
     * service when the port no longer accepts (subscribing is not needed for the close to happen).
     */
    public Mono<Void> close() {
        forceClose();
        DisposableServer s = server;
        return s == null ? Mono.empty() : s.onDispose().publishOn(sockets.context().scheduler());
    }

    void start(Sockets owner, BiConsumer<Connection, String> onAccept) {
        startWith(c -> {
            TcpSocket s = TcpSocket.stream(owner.driver(), c, owner);
            if (owner.driver().register(s)) {
                Connection conn = new Connection(s, owner);
                owner.post(() -> onAccept.accept(conn, s.remote));
            }
        });
    }

    /** Starts accepting with a custom channel setup (the gate's). */
    void startWith(Consumer<reactor.netty.Connection> acceptor) {
        this.acceptor = acceptor;
        server.channel().config().setAutoRead(true);
    }

    private void accepted(reactor.netty.Connection c) {
        Consumer<reactor.netty.Connection> a = acceptor;
        if (a == null) {
            c.channel().close();
            return;
        }
        a.accept(c);
    }

    @Override
    public Sockets holder() {
        return sockets;
    }

    @Override
    public SocketStat stat() {
        DisposableServer s = server;
        return new SocketStat(id, "listen", sockets.self(),
                s == null ? host : TcpSocket.text(s.address()), "", 0, 0);
    }

    @Override
    public void forceClose() {
        DisposableServer s = server;
        if (s != null) {
            s.dispose();
        }
    }

    @Override
    public String toString() {
        return "listener " + id + " (" + host + ":" + (server == null ? "?" : server.port()) + ")";
    }
}
