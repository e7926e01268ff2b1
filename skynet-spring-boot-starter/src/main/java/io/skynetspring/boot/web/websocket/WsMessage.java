package io.skynetspring.boot.web.websocket;

import java.nio.charset.StandardCharsets;

/**
 * A whole data message read from a {@link WsConnection} (fragments already joined).
 *
 * <pre>{@code conn.read().map(WsMessage::text)}</pre>
 */
public record WsMessage(Frame kind, byte[] payload) {

    /** The payload as UTF-8 text, whatever the kind. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return kind == Frame.TEXT ? "TEXT " + text() : "BINARY " + payload.length + " bytes";
    }
}
