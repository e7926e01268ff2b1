package io.skynetspring.boot.web.websocket;

/**
 * How a WebSocket connection ended: the peer's close code and reason, or 1006 when it vanished
 * without a close frame (skynet's {@code close_payload}).
 *
 * <pre>{@code conn.closed().map(WsClose::code)}</pre>
 */
public record WsClose(int code, String reason) {

    static final WsClose VANISHED = new WsClose(1006, "");
}
