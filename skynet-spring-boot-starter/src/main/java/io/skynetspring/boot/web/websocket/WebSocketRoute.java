package io.skynetspring.boot.web.websocket;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves WebSocket connections on a path with a {@code @SkynetService}, started as a unique service:
 * skynet's {@code websocket.accept} handler table. Each connection gets an id, and its events arrive
 * in order in the service's mailbox as these {@code @Command}s, each optional; a command may declare
 * fewer parameters than listed and gets the leading ones:
 * <ul>
 * <li>{@code connect(long id, String remoteAddress)}</li>
 * <li>{@code handshake(long id, Map<String, String> headers, String url)}: return {@code false} to refuse (403)</li>
 * <li>{@code message(long id, Object data, Frame kind)}: data is a {@code String} for TEXT, a {@code byte[]} for BINARY</li>
 * <li>{@code ping(long id)}, {@code pong(long id)}: pings are answered with pongs before the command runs</li>
 * <li>{@code error(long id, String error)}: an oversize or broken frame, a transport error</li>
 * <li>{@code close(long id, int code, String reason)}: exactly once per {@code connect}, last;
 *     1006 when the peer vanished without a close frame, 1008 after a refused handshake</li>
 * </ul>
 * The service answers through {@link WebSockets}.
 *
 * <pre>{@code @SkynetService("echo") @WebSocketRoute("/ws") class Echo { @Command void message(long id, String text) {...} }}</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface WebSocketRoute {

    /** The exact path served, e.g. {@code "/ws"}. */
    String value();
}
