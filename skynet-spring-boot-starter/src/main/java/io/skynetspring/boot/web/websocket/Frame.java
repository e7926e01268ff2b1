package io.skynetspring.boot.web.websocket;

/**
 * The kind of a WebSocket data message, skynet's op {@code "text"} or {@code "binary"}.
 *
 * <pre>{@code webSockets.write(id, bytes, Frame.BINARY);}</pre>
 */
public enum Frame {
    TEXT, BINARY
}
