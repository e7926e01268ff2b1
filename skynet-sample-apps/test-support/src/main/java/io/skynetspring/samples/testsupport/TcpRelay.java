package io.skynetspring.samples.testsupport;

import io.netty.buffer.ByteBuf;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.NettyInbound;
import reactor.netty.NettyOutbound;
import reactor.netty.tcp.TcpClient;
import reactor.netty.tcp.TcpServer;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP relay on an ephemeral port in front of a real server, which a test closes and reopens to
 * make that server "go down and come back", or mutes to swallow its replies.
 *
 * <pre>{@code TcpRelay relay = TcpRelay.to("127.0.0.1", 6379); relay.close(); relay.open();}</pre>
 */
public final class TcpRelay implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final Set<Connection> live = ConcurrentHashMap.newKeySet();
    private volatile DisposableServer server;
    private volatile boolean muted;
    private int port;

    private TcpRelay(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** An open relay to {@code host:port}. */
    public static TcpRelay to(String host, int port) {
        TcpRelay relay = new TcpRelay(host, port);
        relay.open();
        return relay;
    }

    public int port() {
        return port;
    }

    /** Accepts connections again on the same port. */
    public synchronized void open() {
        if (server != null) {
            return;
        }
        server = TcpServer.create()
                .host("127.0.0.1")
                .port(port)
                .doOnConnection(live::add)
                .handle(this::pipe)
                .bindNow(Duration.ofSeconds(5));
        port = server.port();
    }

    /** Stops listening and cuts every relayed connection: to clients the server is gone. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.disposeNow(Duration.ofSeconds(5));
            server = null;
        }
        live.forEach(Connection::dispose);
        live.clear();
    }

    /** While muted, the server's bytes are dropped: requests still reach it, replies never come back. */
    public void mute(boolean on) {
        muted = on;
    }

    private Mono<Void> pipe(NettyInbound in, NettyOutbound out) {
        return TcpClient.create()
                .host(targetHost)
                .port(targetPort)
                .doOnConnected(live::add)
                .connect()
                .flatMap(upstream -> {
                    Mono<Void> up = upstream.outbound().send(in.receive().retain()).then();
                    Mono<Void> down = out.send(upstream.inbound().receive().filter(b -> !muted).map(ByteBuf::retain)).then();
                    return Mono.firstWithSignal(up, down).doFinally(s -> upstream.dispose());
                });
    }
}
