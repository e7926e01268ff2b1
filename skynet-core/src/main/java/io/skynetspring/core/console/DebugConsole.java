package io.skynetspring.core.console;

import io.netty.handler.codec.LineBasedFrameDecoder;
import io.skynetspring.core.SkynetRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.tcp.TcpServer;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * skynet's {@code debug_console}: a line-based TCP console to look inside a running node
 * ({@code list}, {@code stat}, {@code info}, {@code kill}, {@code mem}, {@code gc}, {@code ping},
 * {@code call}, {@code send}, and for snax services {@code hotfix} and {@code profile}; {@code help}). It can
 * kill services, replace their code, and call them with any arguments,
 * and has no authentication, so bind it to loopback.
 *
 * <pre>{@code
 * try (DebugConsole console = DebugConsole.start(runtime, "127.0.0.1", 0)) {
 *     // nc 127.0.0.1 <console.port()>
 * }
 * }</pre>
 */
public final class DebugConsole implements AutoCloseable {

    static final String GREETING = "Welcome to skynet console";
    private static final int MAX_LINE = 4096;
    private static final Logger log = LoggerFactory.getLogger("skynet.console");

    private final DisposableServer server;

    private DebugConsole(DisposableServer server) {
        this.server = server;
    }

    /** Listens on {@code host:port} (port 0: an ephemeral port, see {@link #port()}). */
    public static DebugConsole start(SkynetRuntime runtime, String host, int port) {
        ConsoleCommands commands = new ConsoleCommands(runtime);
        DisposableServer server = TcpServer.create()
                .host(host)
                .port(port)
                .doOnConnection(c -> c.addHandlerLast(new LineBasedFrameDecoder(MAX_LINE)))
                .handle((in, out) -> out.sendString(Flux.concat(
                        Mono.just(GREETING + "\n"),
                        in.receive().asString(StandardCharsets.UTF_8).concatMap(commands::run)),
                        StandardCharsets.UTF_8))
                .bindNow();
        DebugConsole console = new DebugConsole(server);
        log.info("skynet: debug console listening on {}:{}", console.host(), console.port());
        return console;
    }

    public int port() {
        return ((InetSocketAddress) server.address()).getPort();
    }

    public String host() {
        return ((InetSocketAddress) server.address()).getHostString();
    }

    /** Stops listening and closes open console sessions. */
    @Override
    public void close() {
        server.disposeNow();
    }
}
