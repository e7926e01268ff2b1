package io.skynetspring.boot.web.websocket;

import io.netty.channel.Channel;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.socket.SlowPeer;
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
 * may write, from any worker, so emission is serialised here; the {@link WriteGate} bounds what
 * the queue and the socket hold for a peer that does not read.
 */
final class ServerConnection {

    /** The close of a peer too slow to read ({@link SlowPeer#CLOSE}). */
    static final CloseStatus SLOW = new CloseStatus(1008, "too slow to read");

    final long id;
    final Address service;
    final WebSocketSession session;
    private final Sinks.Many<WebSocketMessage> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicBoolean ended = new AtomicBoolean();
    private volatile CloseStatus localClose;
    private final WriteGate gate;
    private final Channel channel;
    private boolean outboundDone;

    /** {@code channel} is the socket under the session (null if unknown: then only the queue is bounded). */
    ServerConnection(long id, Address service, WebSocketSession session, Channel channel, WriteLimits limits,
                     IncidentLog incidents, String path) {
        this.id = id;
        this.service = service;
        this.session = session;
        this.channel = channel;
        this.gate = new WriteGate(limits, incidents, service, "websocket " + path + " [" + id + "]", this::closeSlow);
        gate.channel(channel);
    }

    /** The frames to send, then our close frame if a service asked to close: writes before a close still go out. */
    Mono<Void> send() {
        return session.send(gate.handOver(outbound.asFlux(), m -> m.getPayload().readableByteCount()))
                .then(Mono.defer(() -> localClose == null || localClose == SLOW ? Mono.empty() : session.close(localClose)));
    }

    boolean write(Object data, Frame kind) {
        byte[] bytes = data instanceof byte[] b ? b : String.valueOf(data).getBytes(StandardCharsets.UTF_8);
        if (!admit(bytes.length)) {
            return isOpen() && gate.dropping();
        }
        WebSocketMessage message = new WebSocketMessage(kind == Frame.TEXT ? WebSocketMessage.Type.TEXT
                : WebSocketMessage.Type.BINARY, session.bufferFactory().wrap(bytes));
        return emit(message, bytes.length);
    }

    boolean ping() {
        return admit(0) && emit(session.pingMessage(f -> f.wrap(new byte[0])), 0);
    }

    /** Answers a peer's ping; a peer that pings without reading gets no pong once past the mark. */
    boolean pong(byte[] payload) {
        return admit(payload.length) && emit(session.pongMessage(f -> f.wrap(payload)), payload.length);
    }

    /** Bytes written and not yet handed to the socket. */
    long unsent() {
        return gate.unsent();
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

    /**
     * Cuts off a peer that stopped reading: a close frame could not get past what it has not read,
     * so the socket is closed and the service's close event says 1008.
     */
    private void closeSlow() {
        synchronized (this) {
            localClose = SLOW;
            finishOutbound();
        }
        if (channel != null) {
            channel.close();
        } else {
            session.close(SLOW).subscribe(null, e -> { });
        }
    }

    /** The connection is over: no slow-peer timer outlives it. */
    void stopWatching() {
        gate.stop();
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

    private boolean admit(int bytes) {
        synchronized (this) {
            if (outboundDone) {
                return false;
            }
        }
        return gate.admit(bytes);
    }

    private synchronized boolean emit(WebSocketMessage message, int bytes) {
        if (!outboundDone && outbound.tryEmitNext(message).isSuccess()) {
            return true;
        }
        gate.taken(bytes);
        return false;
    }

    Flux<WebSocketMessage> receive() {
        return session.receive();
    }
}
