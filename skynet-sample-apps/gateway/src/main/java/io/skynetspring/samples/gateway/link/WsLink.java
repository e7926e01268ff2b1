package io.skynetspring.samples.gateway.link;

import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WebSockets;
import io.skynetspring.core.service.Shareable;

/**
 * A client of the WebSocket gate: each packet is one binary frame.
 *
 * <pre>{@code new WsLink(webSockets, id).send(packet);}</pre>
 */
@Shareable
public final class WsLink implements ClientLink {

    private final WebSockets sockets;
    private final long id;

    public WsLink(WebSockets sockets, long id) {
        this.sockets = sockets;
        this.id = id;
    }

    @Override
    public boolean send(byte[] packet) {
        return sockets.write(id, packet, Frame.BINARY);
    }

    @Override
    public void close() {
        sockets.close(id, 1000, "bye");
    }

    @Override
    public String describe() {
        return "ws " + id;
    }
}
