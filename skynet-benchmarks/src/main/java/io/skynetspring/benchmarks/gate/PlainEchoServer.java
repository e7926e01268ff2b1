package io.skynetspring.benchmarks.gate;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import reactor.netty.DisposableServer;
import reactor.netty.resources.LoopResources;
import reactor.netty.tcp.TcpServer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The baseline: a Reactor Netty server with the same netpack framing that echoes every frame
 * straight from its event loop, no services in between. {@code main(port [probePort])}.
 */
public final class PlainEchoServer implements AutoCloseable {

    private final DisposableServer server;
    private final LoopResources loops;
    private final AtomicLong connections = new AtomicLong();

    private PlainEchoServer(int port) {
        this.loops = LoopResources.create("plain-echo", 1, Runtime.getRuntime().availableProcessors(), true);
        this.server = TcpServer.create()
                .host("127.0.0.1")
                .port(port)
                .runOn(loops)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .doOnConnection(c -> {
                    connections.incrementAndGet();
                    c.onDispose(connections::decrementAndGet);
                    c.addHandlerLast("frames", new LengthFieldBasedFrameDecoder(65535 + 2, 0, 2, 0, 2));
                    c.addHandlerLast("prepend", new LengthFieldPrepender(2));
                })
                .handle((in, out) -> out.send(in.receive().retain()))
                .bindNow();
    }

    public static PlainEchoServer start(int port) {
        return new PlainEchoServer(port);
    }

    public int port() {
        return server.port();
    }

    public long connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.disposeNow();
        loops.dispose();
    }

    public static void main(String[] args) throws Exception {
        PlainEchoServer server = start(args.length > 0 ? Integer.parseInt(args[0]) : 0);
        try (HeapProbe probe = new HeapProbe(args.length > 1 ? Integer.parseInt(args[1]) : 0, server::connections)) {
            System.out.println("ready port=" + server.port() + " probe=" + probe.port());
            Thread.currentThread().join();
        }
    }
}
