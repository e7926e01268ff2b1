package io.skynetspring.samples.gateway.game;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.core.socket.SocketDriver;
import io.skynetspring.core.socket.Sockets;
import io.skynetspring.samples.gateway.GatewayProperties;
import io.skynetspring.samples.gateway.link.TcpLink;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * skynet's watchdog for the TCP gate (a unique service): opens skynet-core's gate with the
 * {@code gateway.*} bounds, starts one {@code agent} per connection and forwards the connection's
 * frames to it, and ends the agent when the connection closes.
 *
 * <pre>{@code int port = skynet.call(skynet.queryService("watchdog").block(), "port", Integer.class).block();}</pre>
 */
@SkynetService("watchdog")
public class Watchdog {

    private final ServiceContext ctx;
    private final GatewayProperties properties;
    /** Agents by connection id; null while one is starting. At most maxclient - 1 entries (the gate's bound). */
    private final Map<Integer, Address> agents = new HashMap<>();
    private Address gate;
    private int port;

    public Watchdog(ServiceContext ctx, GatewayProperties properties) {
        this.ctx = ctx;
        this.properties = properties;
    }

    @Init
    public Mono<Void> start() {
        Map<String, Object> conf = new HashMap<>();
        conf.put("address", properties.getAddress());
        conf.put("port", properties.getPort());
        conf.put("maxclient", properties.getMaxClient());
        conf.put("maxframe", properties.getMaxPacket());
        conf.put("sendhigh", properties.getSendHigh());
        conf.put("slowtime", properties.getSlowTime());
        conf.put("backlog", 1024);
        return ctx.newService("gate").flatMap(g -> {
            gate = g;
            return ctx.call(g, "open", List.class, conf);
        }).doOnNext(opened -> {
            port = ((Number) opened.get(1)).intValue();
            ctx.logger().info("gateway: TCP gate on {}:{} (skynet's 2-byte frames, sproto packets of at most {} bytes; "
                    + "sockets on {})", opened.get(0), port, properties.getMaxPacket(), SocketDriver.of(ctx).transport());
        }).then();
    }

    /** The TCP port the gate listens on. */
    @Command
    public int port() {
        return port;
    }

    /** Connected TCP clients. */
    @Command
    public int clients() {
        return agents.size();
    }

    @Command
    public void socket(String event, int fd, Object... detail) {
        switch (event) {
            case "open" -> open(fd, detail.length > 0 ? String.valueOf(detail[0]) : "?");
            case "close" -> close(fd);
            case "error" -> ctx.logger().debug("gateway: connection {}: {}", fd, detail.length > 0 ? detail[0] : "");
            default -> { }
        }
    }

    private void open(int fd, String remote) {
        agents.put(fd, null);
        TcpLink link = new TcpLink(Sockets.of(ctx), fd, remote);
        ctx.newService("agent").flatMap(agent -> ctx.call(agent, "start", link).thenReturn(agent))
                .subscribe(agent -> {
                    if (!agents.containsKey(fd)) {
                        // the client left while its agent started
                        ctx.send(agent, "disconnect");
                        return;
                    }
                    agents.put(fd, agent);
                    ctx.send(gate, "forward", fd, agent);
                }, e -> {
                    agents.remove(fd);
                    ctx.incidents().warn("gateway.agent.failed", ctx.self(), "gateway: no agent for {}: {}; closing it",
                            link.describe(), e.toString());
                    ctx.send(gate, "kick", fd);
                });
    }

    private void close(int fd) {
        Address agent = agents.remove(fd);
        if (agent != null) {
            ctx.send(agent, "disconnect");
        }
    }
}
