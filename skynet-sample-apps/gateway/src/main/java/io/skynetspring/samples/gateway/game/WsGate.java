package io.skynetspring.samples.gateway.game;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WebSocketRoute;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.samples.gateway.link.WsLink;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The WebSocket gate on {@code /ws}: the same sproto packets as the TCP gate, one per binary frame,
 * for browsers. Like the watchdog it starts one {@code agent} per connection; frames that arrive
 * while the agent starts wait (at most 16, then the connection is closed with 1008).
 *
 * <pre>{@code ws://localhost:8080/ws   (binary frames: sproto packets of proto/c2s.sproto)}</pre>
 */
@SkynetService("wsgate")
@WebSocketRoute("/ws")
public class WsGate {

    private static final int MAX_WAITING = 16;

    private final ServiceContext ctx;
    private final WebSockets ws;
    private final Map<Long, Peer> peers = new HashMap<>();

    public WsGate(ServiceContext ctx, WebSockets ws) {
        this.ctx = ctx;
        this.ws = ws;
    }

    @Command
    public void connect(long id) {
        Peer peer = new Peer();
        peers.put(id, peer);
        WsLink link = new WsLink(ws, id);
        ctx.newService("agent").flatMap(agent -> ctx.call(agent, "start", link).thenReturn(agent))
                .subscribe(agent -> {
                    if (peers.get(id) != peer) {
                        ctx.send(agent, "disconnect");
                        return;
                    }
                    peer.agent = agent;
                    byte[] next;
                    while ((next = peer.waiting.pollFirst()) != null) {
                        ctx.send(agent, "client", id, next);
                    }
                }, e -> {
                    peers.remove(id);
                    ctx.incidents().warn("gateway.agent.failed", ctx.self(), "gateway: no agent for {}: {}; closing it",
                            link.describe(), e.toString());
                    ws.close(id, 1011, "no agent");
                });
    }

    @Command
    public void message(long id, Object data, Frame kind) {
        Peer peer = peers.get(id);
        if (peer == null) {
            return;
        }
        if (kind != Frame.BINARY) {
            ctx.incidents().warn("gateway.bad-packet", ctx.self(), "gateway: ws {}: a text frame; closing it", id);
            ws.close(id, 1003, "send binary frames: one sproto packet each");
            return;
        }
        if (peer.agent != null) {
            ctx.send(peer.agent, "client", id, data);
        } else if (peer.waiting.size() < MAX_WAITING) {
            peer.waiting.addLast((byte[]) data);
        } else {
            ctx.incidents().warn("gateway.ws.flood", ctx.self(), "gateway: ws {}: over {} frames before its agent "
                    + "started; closing it", id, MAX_WAITING);
            ws.close(id, 1008, "too many frames before the session started");
        }
    }

    @Command
    public void close(long id) {
        Peer peer = peers.remove(id);
        if (peer != null && peer.agent != null) {
            ctx.send(peer.agent, "disconnect");
        }
    }

    /** Open WebSocket connections. */
    @Command
    public int clients() {
        return peers.size();
    }

    private static final class Peer {
        final ArrayDeque<byte[]> waiting = new ArrayDeque<>();
        Address agent;
    }
}
