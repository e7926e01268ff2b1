package io.skynetspring.boot.web.websocket;

/** A WebSocket client connection could not be made or a ping got no pong in time. */
public class WsException extends RuntimeException {

    public WsException(String url, Throwable cause) {
        super("websocket " + url + ": " + cause.getMessage(), cause);
    }

    public WsException(String url, String reason) {
        super("websocket " + url + ": " + reason);
    }
}
