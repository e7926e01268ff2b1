package io.skynetspring.boot.web.websocket;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.socket.SlowPeer;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * A client WebSocket connection, skynet's {@code websocket.read/write/ping/close/is_close} on one id.
 * Messages that arrive before anyone reads are kept in order; pings from the server are answered.
 * Writes are bounded by the client's {@link WriteLimits}: past the high-water mark {@code write}
 * returns false, and under {@link SlowPeer#CLOSE} a server that stays unread is cut off (1008).
 * Every {@code Mono} is cold: nothing happens until it is subscribed.
 *
 * <pre>{@code conn.write("hello", Frame.TEXT);  conn.read().map(WsMessage::text)   // empty once closed}</pre>
 */
public final class WsConnection {

    static final WsClose SLOW = new WsClose(1008, "too slow to read");

    private final String url;
    private final Scheduler home;
    private final Duration timeout;
    private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<WsClose> closed = Sinks.one();
    private final ArrayDeque<WsMessage> inbox = new ArrayDeque<>();
    private final ArrayDeque<MonoSink<WsMessage>> readers = new ArrayDeque<>();
    private final ArrayDeque<MonoSink<Void>> pings = new ArrayDeque<>();
    private final WriteGate gate;
    private volatile Channel channel;
    private volatile boolean slowClosed;
    private volatile boolean opened;
    private volatile WsClose peerClose;
    private volatile WsClose closeRequest;
    private boolean outboundDone;
    private boolean ended;

    WsConnection(String url, Scheduler home, Duration timeout, WriteLimits limits, IncidentLog incidents, Address service) {
        this.url = url;
        this.home = home;
        this.timeout = timeout;
        this.gate = new WriteGate(limits, incidents, service, "websocket client " + url, this::closeSlow);
    }

    Publisher<Void> run(WebsocketInbound in, WebsocketOutbound out, int maxFrameSize) {
        in.withConnection(c -> {
            channel = c.channel();
            gate.channel(c.channel());
        });
        opened = true;
        in.receiveCloseStatus().subscribe(s -> peerClose = new WsClose(s.code(), s.reasonText()));
        Mono<Void> input = in.aggregateFrames(maxFrameSize).receiveFrames()
                .doOnNext(this::onFrame)
                .then()
                .onErrorResume(e -> Mono.empty())
                .doFinally(s -> finishOutbound());
        Mono<Void> output = out.sendObject(gate.handOver(outbound.asFlux(), f -> f.content().readableBytes())).then()
                // our close frame goes after everything written before close()
                .then(Mono.defer(() -> closeRequest == null || slowClosed ? Mono.<Void>empty()
                        : out.sendClose(closeRequest.code(), closeRequest.reason())))
                .onErrorResume(e -> Mono.empty());
        return Mono.when(input, output);
    }

    /**
     * Queues a message; false once the connection is closing, or while it holds more unsent bytes
     * than its high-water mark allows. {@code data} is a String or a byte[].
     */
    public boolean write(Object data, Frame kind) {
        byte[] bytes = data instanceof byte[] b ? b : String.valueOf(data).getBytes(StandardCharsets.UTF_8);
        if (isClosed()) {
            return false;
        }
        if (!gate.admit(bytes.length)) {
            return gate.dropping();
        }
        WebSocketFrame frame = kind == Frame.TEXT ? new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
        return emit(frame, bytes.length);
    }

    /** Bytes written and not yet handed to the socket. */
    public long unsent() {
        return gate.unsent();
    }

    /** Writes a text message. */
    public boolean write(String text) {
        return write(text, Frame.TEXT);
    }

    /** The next message; completes empty once the connection is closed and every message was read. */
    public Mono<WsMessage> read() {
        return home(Mono.create(sink -> {
            WsMessage next;
            synchronized (this) {
                next = inbox.poll();
                if (next == null && !ended) {
                    readers.add(sink);
                    return;
                }
            }
            sink.success(next);
        }));
    }

    /** Sends a ping when subscribed; completes when the pong arrives, fails if none does within the client's timeout. */
    public Mono<Void> ping() {
        Mono<Void> pong = Mono.create(sink -> {
            if (!gate.admit(0)) {
                sink.error(new WsException(url, "ping refused: " + gate.unsent() + " bytes unsent, the server is not reading"));
                return;
            }
            synchronized (this) {
                if (outboundDone || !outbound.tryEmitNext(new PingWebSocketFrame()).isSuccess()) {
                    sink.error(new WsException(url, "closed"));
                    return;
                }
                pings.add(sink);
            }
        });
        return home(pong.timeout(timeout, Mono.error(() -> new WsException(url, "no pong within " + timeout.toMillis() + " ms"))));
    }

    /**
     * When subscribed, sends a close frame after what was written before; completes with how the
     * connection ended (normally the server's echo of {@code code}). Like every Mono here it is cold:
     * {@code conn.close(1000, "bye")} alone does nothing, {@code .subscribe()} or {@code .block()} closes.
     */
    public Mono<WsClose> close(int code, String reason) {
        return Mono.defer(() -> {
            synchronized (this) {
                if (!outboundDone) {
                    closeRequest = new WsClose(code, reason);
                    finishOutbound();
                }
            }
            return closed();
        });
    }

    /** Completes when the connection has ended, with the close code and reason. */
    public Mono<WsClose> closed() {
        return home(closed.asMono());
    }

    /** True once either side started closing (skynet's {@code websocket.is_close}). */
    public synchronized boolean isClosed() {
        return outboundDone || ended;
    }

    boolean isOpened() {
        return opened;
    }

    private void onFrame(WebSocketFrame frame) {
        if (frame instanceof PongWebSocketFrame) {
            MonoSink<Void> ping;
            synchronized (this) {
                ping = pings.poll();
            }
            if (ping != null) {
                ping.success();
            }
            return;
        }
        Frame kind = frame instanceof TextWebSocketFrame ? Frame.TEXT : frame instanceof BinaryWebSocketFrame ? Frame.BINARY : null;
        if (kind == null) {
            return;
        }
        WsMessage message = new WsMessage(kind, ByteBufUtil.getBytes(frame.content()));
        MonoSink<WsMessage> reader;
        synchronized (this) {
            reader = readers.poll();
            if (reader == null) {
                inbox.add(message);
                return;
            }
        }
        reader.success(message);
    }

    /** The connection is over: waiting readers get the end, waiting pings fail. */
    void ended(Throwable error) {
        List<MonoSink<WsMessage>> waiting;
        List<MonoSink<Void>> unanswered;
        synchronized (this) {
            if (ended) {
                return;
            }
            ended = true;
            finishOutbound();
            waiting = new ArrayList<>(readers);
            unanswered = new ArrayList<>(pings);
            readers.clear();
            pings.clear();
        }
        waiting.forEach(MonoSink::success);
        unanswered.forEach(s -> s.error(new WsException(url, "closed")));
        gate.stop();
        WsClose how = slowClosed ? closeRequest : peerClose != null ? peerClose
                : closeRequest != null && error == null ? closeRequest : WsClose.VANISHED;
        closed.tryEmitValue(how);
    }

    private synchronized void finishOutbound() {
        if (!outboundDone) {
            outboundDone = true;
            outbound.tryEmitComplete();
        }
    }

    private synchronized boolean emit(WebSocketFrame frame, int bytes) {
        if (!outboundDone && outbound.tryEmitNext(frame).isSuccess()) {
            return true;
        }
        gate.taken(bytes);
        ReferenceCountUtil.release(frame);
        return false;
    }

    /** A server that stopped reading: our close frame could not get past what it has not read, so the socket is cut. */
    private void closeSlow() {
        synchronized (this) {
            slowClosed = true;
            closeRequest = SLOW;
            finishOutbound();
        }
        Channel c = channel;
        if (c != null) {
            c.close();
        }
    }

    private <T> Mono<T> home(Mono<T> mono) {
        return home == null ? mono : mono.publishOn(home);
    }

    @Override
    public String toString() {
        return "WsConnection " + url;
    }
}
