package io.skynetspring.boot.console.web;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.socket.Listener;
import io.skynetspring.core.socket.Sockets;
import reactor.core.publisher.Mono;

/** A service the console tests watch: it answers pings, fails on demand and can hold a listening socket. */
@SkynetService("console-probe")
public class ConsoleProbe {

    private final ServiceContext ctx;

    public ConsoleProbe(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command
    public String ping() {
        return "pong";
    }

    @Command
    public String fail() {
        throw new IllegalStateException("asked to fail");
    }

    /** Binds a listener on loopback, held by this service; answers its port. */
    @Command
    public Mono<Integer> listen() {
        return Sockets.of(ctx).listen("127.0.0.1", 0).map(Listener::port);
    }
}
