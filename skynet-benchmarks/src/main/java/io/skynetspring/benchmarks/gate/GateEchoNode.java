package io.skynetspring.benchmarks.gate;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.service.ServiceHandler;
import io.skynetspring.core.socket.Gate;
import io.skynetspring.core.socket.Sockets;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The system under test: a skynet node with a netpack gate, a watchdog that forwards every client
 * to an echo service, and the echo service writing each frame back to its connection.
 * {@code main(port [probePort [per-client]])}; prints {@code ready port=N} once listening.
 */
public final class GateEchoNode implements AutoCloseable {

    private final SkynetRuntime runtime;
    private final int port;
    private final Address watchdog;

    private GateEchoNode(SkynetRuntime runtime, int port, Address watchdog) {
        this.runtime = runtime;
        this.port = port;
        this.watchdog = watchdog;
    }

    /** Starts the node; {@code agentPerClient} gives each client its own echo service, as skynet's example does. */
    public static GateEchoNode start(int port, boolean agentPerClient) {
        SkynetRuntime rt = SkynetRuntime.start(NodeSettings.defaults(), Duration.ofSeconds(2));
        rt.template("gate", Gate.template());
        rt.template("echo", Echo::new);
        rt.template("watchdog", ctx -> new Watchdog(ctx, agentPerClient));
        Address watchdog = rt.newService("watchdog").block(Duration.ofSeconds(10));
        Object reply = rt.call(watchdog, "start", port).block(Duration.ofSeconds(10));
        return new GateEchoNode(rt, ((Number) ((List<?>) reply).get(1)).intValue(), watchdog);
    }

    public int port() {
        return port;
    }

    /** Clients connected to the gate (as the watchdog counts them). */
    public long connections() {
        return runtime.call(watchdog, "count", Long.class).block(Duration.ofSeconds(10));
    }

    @Override
    public void close() {
        runtime.close();
    }

    /** Opens the gate and forwards every new client to an echo service. */
    static final class Watchdog implements ServiceHandler {
        private final ServiceContext ctx;
        private final boolean agentPerClient;
        private Address gate;
        private Address sharedEcho;
        private long clients;

        Watchdog(ServiceContext ctx, boolean agentPerClient) {
            this.ctx = ctx;
            this.agentPerClient = agentPerClient;
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            switch (command) {
                case "start" -> {
                    return ctx.newService("echo").flatMap(echo -> {
                        sharedEcho = echo;
                        return ctx.newService("gate");
                    }).flatMap(g -> {
                        gate = g;
                        return ctx.call(g, "open", Map.of("address", "127.0.0.1", "port", args[0],
                                "maxclient", 100_000, "backlog", 4096));
                    });
                }
                case "socket" -> {
                    int fd = ((Number) args[1]).intValue();
                    switch ((String) args[0]) {
                        case "open" -> {
                            clients++;
                            if (agentPerClient) {
                                ctx.newService("echo").subscribe(a -> ctx.send(gate, "forward", fd, a));
                            } else {
                                ctx.send(gate, "forward", fd, sharedEcho);
                            }
                        }
                        case "close" -> clients--;
                        default -> { }
                    }
                    return null;
                }
                case "count" -> {
                    return clients;
                }
                default -> throw new IllegalArgumentException(command);
            }
        }
    }

    /** Writes every frame back to the connection it came from. */
    static final class Echo implements ServiceHandler {
        private final Sockets sockets;

        Echo(ServiceContext ctx) {
            this.sockets = Sockets.of(ctx);
        }

        @Override
        public Object dispatch(String command, Object[] args) {
            if (command.equals("client")) {
                sockets.write((Integer) args[0], (byte[]) args[1]);
            }
            return null;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        int probePort = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        boolean perClient = args.length > 2 && args[2].equals("per-client");
        GateEchoNode node = start(port, perClient);
        try (HeapProbe probe = new HeapProbe(probePort, node::connections)) {
            System.out.println("ready port=" + node.port() + " probe=" + probe.port());
            Thread.currentThread().join();
        }
    }
}
