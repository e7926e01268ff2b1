package io.skynetspring.boot.web.websocket;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.service.Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import org.springframework.web.reactive.socket.server.WebSocketService;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Serves one {@link WebSocketRoute} path: asks the service about the handshake before upgrading (so
 * it can refuse with a plain 403), then turns the connection's frames into its commands, in order.
 */
final class WebSocketEndpoint implements WebHandler {

    private static final Logger log = LoggerFactory.getLogger(WebSocketEndpoint.class);
    private static final CloseStatus VANISHED = new CloseStatus(1006, "");
    private static final CloseStatus IDLE = new CloseStatus(1001, "idle timeout");
    private static final Duration CLOSE_STATUS_WAIT = Duration.ofSeconds(2);

    private final Callbacks callbacks;
    private final Skynet skynet;
    private final WebSockets sockets;
    private final WebSocketService upgrades;
    private final Duration idleTimeout;

    WebSocketEndpoint(Callbacks callbacks, Skynet skynet, WebSockets sockets, WebSocketService upgrades,
                      Duration idleTimeout) {
        this.callbacks = callbacks;
        this.skynet = skynet;
        this.sockets = sockets;
        this.upgrades = upgrades;
        this.idleTimeout = idleTimeout;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (request.getMethod() != HttpMethod.GET
                || !"websocket".equalsIgnoreCase(request.getHeaders().getUpgrade())) {
            return status(exchange, HttpStatus.BAD_REQUEST);
        }
        long id = sockets.nextId();
        AtomicBoolean closed = new AtomicBoolean();
        return skynet.uniqueService(callbacks.template())
                .flatMap(service -> {
                    deliver(service, "connect", id, remote(request));
                    return handshake(service, id, request)
                            .onErrorResume(e -> {
                                log.warn("websocket {} [{}]: handshake of {} failed: {}", callbacks.path(), id,
                                        callbacks.template(), e.toString());
                                return refuse(exchange, service, id, closed, HttpStatus.INTERNAL_SERVER_ERROR,
                                        new CloseStatus(1011, "handshake failed")).then(Mono.empty());
                            })
                            .flatMap(accepted -> accepted
                                    ? upgrades.handleRequest(exchange, session -> serve(service, id, closed, session,
                                            channelOf(request)))
                                            .doOnError(e -> closeOnce(service, id, closed, VANISHED))
                                    : refuse(exchange, service, id, closed, HttpStatus.FORBIDDEN,
                                            new CloseStatus(1008, "handshake refused")));
                })
                .onErrorResume(e -> exchange.getResponse().isCommitted() ? Mono.error(e)
                        : status(exchange, HttpStatus.SERVICE_UNAVAILABLE));
    }

    private Mono<Boolean> handshake(Address service, long id, ServerHttpRequest request) {
        if (!callbacks.has("handshake")) {
            return Mono.just(true);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        request.getHeaders().forEach((name, values) ->
                headers.merge(name.toLowerCase(Locale.ROOT), String.join(",", values), (a, b) -> a + "," + b));
        String query = request.getURI().getRawQuery();
        String url = request.getPath().value() + (query == null ? "" : "?" + query);
        return skynet.call(service, "handshake", callbacks.args("handshake", id, headers, url))
                .map(reply -> !Boolean.FALSE.equals(reply))
                .defaultIfEmpty(true);
    }

    private Mono<Void> refuse(ServerWebExchange exchange, Address service, long id, AtomicBoolean closed,
                              HttpStatus status, CloseStatus close) {
        closeOnce(service, id, closed, close);
        return status(exchange, status);
    }

    private Mono<Void> serve(Address service, long id, AtomicBoolean closed, WebSocketSession session, Channel channel) {
        ServerConnection c = new ServerConnection(id, service, session, channel, sockets.limits(), sockets.incidents(),
                callbacks.path());
        sockets.add(c);
        IdleWatch idle = idleTimeout == null || idleTimeout.isZero() ? null
                : new IdleWatch(idleTimeout, () -> c.close(IDLE));
        AtomicReference<CloseStatus> failure = new AtomicReference<>();
        Mono<Void> input = c.receive()
                .doOnNext(m -> {
                    if (idle != null) {
                        idle.touch();
                    }
                    onMessage(c, m);
                })
                .then()
                .onErrorResume(e -> {
                    if (c.localClose() == ServerConnection.SLOW) {
                        return Mono.empty();   // we cut the socket of a peer that stopped reading; not its error
                    }
                    CloseStatus status = failed(c, e);
                    failure.set(status);
                    // netty has already sent its close frame for a corrupt one; the others are ours to send
                    if (e instanceof CorruptedWebSocketFrameException) {
                        return Mono.empty();
                    }
                    if (channel != null) {
                        closeNow(channel, status);
                        return Mono.empty();
                    }
                    return session.close(status).onErrorResume(x -> Mono.empty());
                })
                .doFinally(signal -> c.finishOutbound());
        return Mono.when(input, c.send().onErrorResume(e -> Mono.empty()))
                .then(Mono.defer(() -> {
                    // who closed decides: our failure or close first, else the peer's frame, else it vanished
                    CloseStatus ours = failure.get() != null ? failure.get() : c.localClose();
                    return ours != null ? Mono.just(ours)
                            : session.closeStatus().timeout(CLOSE_STATUS_WAIT, Mono.empty()).defaultIfEmpty(VANISHED);
                }))
                .doOnNext(status -> closeOnce(service, id, closed, status))
                .doFinally(signal -> {
                    c.stopWatching();
                    if (idle != null) {
                        idle.stop();
                    }
                    sockets.remove(c);
                    closeOnce(service, id, closed, VANISHED);
                })
                .then();
    }

    private void onMessage(ServerConnection c, WebSocketMessage m) {
        switch (m.getType()) {
            case TEXT -> deliverOrClose(c, "message", c.id, m.getPayloadAsText(), Frame.TEXT);
            case BINARY -> deliverOrClose(c, "message", c.id, bytes(m.getPayload()), Frame.BINARY);
            case PING -> {
                c.pong(bytes(m.getPayload()));
                deliver(c.service, "ping", c.id);
            }
            case PONG -> deliver(c.service, "pong", c.id);
        }
    }

    private CloseStatus failed(ServerConnection c, Throwable e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        deliver(c.service, "error", c.id, reason);
        if (e instanceof CorruptedWebSocketFrameException corrupt) {
            return new CloseStatus(corrupt.closeStatus().code(), corrupt.closeStatus().reasonText());
        }
        if (e instanceof TooLongFrameException) {
            return new CloseStatus(1009, "message too big");
        }
        return VANISHED;
    }

    private void deliverOrClose(ServerConnection c, String command, Object... args) {
        if (callbacks.has(command) && !skynet.send(c.service, command, callbacks.args(command, args))) {
            // the service is gone or refuses mail: the client should not keep talking to nobody
            c.close(new CloseStatus(1011, "service unavailable"));
        }
    }

    private void deliver(Address service, String command, Object... args) {
        if (callbacks.has(command)) {
            skynet.send(service, command, callbacks.args(command, args));
        }
    }

    private void closeOnce(Address service, long id, AtomicBoolean closed, CloseStatus status) {
        if (closed.compareAndSet(false, true)) {
            deliver(service, "close", id, status.getCode(), status.getReason() == null ? "" : status.getReason());
        }
    }

    private static byte[] bytes(DataBuffer buffer) {
        byte[] bytes = new byte[buffer.readableByteCount()];
        buffer.read(bytes);
        return bytes;
    }

    /**
     * Sends our close frame after a failed read and closes the socket once it is out (or after
     * {@link #CLOSE_STATUS_WAIT}). Straight on the channel: the session's close would make Reactor
     * Netty hand the read's error to the finished receiver a second time, which Reactor then logs
     * as "Operator called default onErrorDropped".
     */
    private static void closeNow(Channel channel, CloseStatus status) {
        if (status.getCode() == VANISHED.getCode()) {
            channel.close();   // 1006 is never sent in a frame: the peer is gone
            return;
        }
        channel.writeAndFlush(new CloseWebSocketFrame(status.getCode(), status.getReason()))
                .addListener(ChannelFutureListener.CLOSE);
        Runnable cut = channel::close;   // a peer that does not read our close frame is cut off anyway
        channel.eventLoop().schedule(cut, CLOSE_STATUS_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The socket under the request (the same after the upgrade), whose outbound buffer the write bound counts. */
    private static Channel channelOf(ServerHttpRequest request) {
        Object running = ServerHttpRequestDecorator.getNativeRequest(request);
        return running instanceof Connection connection ? connection.channel() : null;
    }

    private static String remote(ServerHttpRequest request) {
        InetSocketAddress a = request.getRemoteAddress();
        return a == null ? "" : a.getHostString() + ":" + a.getPort();
    }

    private static Mono<Void> status(ServerWebExchange exchange, HttpStatus status) {
        exchange.getResponse().setStatusCode(status);
        return exchange.getResponse().setComplete();
    }
}
