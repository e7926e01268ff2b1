package io.skynetspring.benchmarks.hostile;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;

import java.util.Map;

/** Opens the gate and hands every client to the one echo agent, as skynet's watchdog does. */
@SkynetService("gate-watchdog")
public class GateWatchdog {

    private final ServiceContext ctx;
    private Address gate;
    private Address agent;

    public GateWatchdog(ServiceContext ctx) {
        this.ctx = ctx;
    }

    @Command
    public Mono<Object> start(int port) {
        return ctx.newService("gate-agent").flatMap(a -> {
            agent = a;
            return ctx.newService("gate");
        }).flatMap(g -> {
            gate = g;
            return ctx.call(g, "open", Map.of("address", "127.0.0.1", "port", port,
                    "maxclient", 100_000, "backlog", 4096));
        });
    }

    @Command
    public void socket(String event, int fd, Object... detail) {
        if (event.equals("open")) {
            ctx.send(gate, "forward", fd, agent);
        }
    }
}
