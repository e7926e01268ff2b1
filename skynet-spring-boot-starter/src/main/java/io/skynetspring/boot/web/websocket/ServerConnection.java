package io.skynetspring.boot.web.websocket;

import io.skynetspring.core.service.Address;
import org.springframework.web.reactive.socket.CloseStatus;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.WebSocketSession;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One accepted WebSocket: its session and the queue of frames services write to it. Any service
 * may write, from any worker, so emission is serialised here.
 */
final class ServerConnection {

    final long id;
    final Address service;
    final WebSocketSession session;
    private final Sinks.Many<WebSocketMessage> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile CloseStatus localClose;
    private boolean outboundDone;

    ServerConnection(long id, Address service, WebSocketSession session) {
        this.id = id;
        this.service = service;
        this.session = session;
    }

    /** The frames to send, then our close frame if a service asked to close: writes before a close still go out. */
    Mono<Void> send() {
        return session.send(outbound.asFlux())
                .then(Mono.defer(() -> localClose == null ? Mono.empty() : session.close(localClose)));
    }

    boolean write(Object data, Frame kind) {
        WebSocketMessage message = kind == Frame.TEXT
                ? session.textMessage(data instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(data))
                : session.binaryMessage(f -> f.wrap(data instanceof byte[] b ? b : String.valueOf(data).getBytes(StandardCharsets.UTF_8)));
        return emit(message);
    }

    boolean ping() {
        return emit(session.pingMessage(f -> f.wrap(new byte[0])));
    }

    boolean pong(byte[] payload) {
        return emit(session.pongMessage(f -> f.wrap(payload)));
    }

    /** Sends a close frame after what is queued; false if the connection is already closing. */
    synchronized boolean close(CloseStatus status) {
        if (outboundDone) {
            return false;
        }
        localClose = status;
        finishOutbound();
        return true;
    }

    CloseStatus localClose() {
        return localClose;
    }

    synchronized void finishOutbound() {
        if (!outboundDone) {
            outboundDone = true;
            outbound.tryEmitComplete();
        }
    }

    synchronized boolean isOpen() {
        return !outboundDone && session.isOpen();
    }

    /** True only for the first caller: the close event is delivered once. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    private synchronized boolean emit(WebSocketMessage message) {
        return !outboundDone && outbound.tryEmitNext(message).isSuccess();
    }

    Flux<WebSocketMessage> receive() {
        return session.receive();
    }
}
