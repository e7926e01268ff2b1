package io.skynetspring.boot.web.websocket;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
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
 *
 * <pre>{@code conn.write("hello", Frame.TEXT);  conn.read().map(WsMessage::text)   // empty once closed}</pre>
 */
public final class WsConnection {

    private final String url;
    private final Scheduler home;
    private final Duration timeout;
    private final Sinks.Many<WebSocketFrame> outbound = Sinks.many().unicast().onBackpressureBuffer();
    private final Sinks.One<WsClose> closed = Sinks.one();
    private final ArrayDeque<WsMessage> inbox = new ArrayDeque<>();
    private final ArrayDeque<MonoSink<WsMessage>> readers = new ArrayDeque<>();
    private final ArrayDeque<MonoSink<Void>> pings = new ArrayDeque<>();
    private volatile boolean opened;
    private volatile WsClose peerClose;
    private volatile WsClose closeRequest;
    private boolean outboundDone;
    private boolean ended;

    WsConnection(String url, Scheduler home, Duration timeout) {
        this.url = url;
        this.home = home;
        this.timeout = timeout;
    }

    Publisher<Void> run(WebsocketInbound in, WebsocketOutbound out, int maxFrameSize) {
        opened = true;
        in.receiveCloseStatus().subscribe(s -> peerClose = new WsClose(s.code(), s.reasonText()));
        Mono<Void> input = in.aggregateFrames(maxFrameSize).receiveFrames()
                .doOnNext(this::onFrame)
                .then()
                .onErrorResume(e -> Mono.empty())
                .doFinally(s -> finishOutbound());
        Mono<Void> output = out.sendObject(outbound.asFlux()).then()
                // our close frame goes after everything written before close()
                .then(Mono.defer(() -> closeRequest == null ? Mono.<Void>empty()
                        : out.sendClose(closeRequest.code(), closeRequest.reason())))
                .onErrorResume(e -> Mono.empty());
        return Mono.when(input, output);
    }

    /** Queues a message; false once the connection is closing. {@code data} is a String or a byte[]. */
    public boolean write(Object data, Frame kind) {
        byte[] bytes = data instanceof byte[] b ? b : String.valueOf(data).getBytes(StandardCharsets.UTF_8);
        WebSocketFrame frame = kind == Frame.TEXT ? new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes));
        return emit(frame);
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

    /** Sends a ping; completes when the pong arrives, fails if none does within the client's timeout. */
    public Mono<Void> ping() {
        Mono<Void> pong = Mono.create(sink -> {
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
     * Sends a close frame after what was written before; completes with how the connection ended
     * (normally the server's echo of {@code code}).
     */
    public Mono<WsClose> close(int code, String reason) {
        synchronized (this) {
            if (!outboundDone) {
                closeRequest = new WsClose(code, reason);
                finishOutbound();
            }
        }
        return closed();
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
        WsClose how = peerClose != null ? peerClose : closeRequest != null && error == null ? closeRequest : WsClose.VANISHED;
        closed.tryEmitValue(how);
    }

    private synchronized void finishOutbound() {
        if (!outboundDone) {
            outboundDone = true;
            outbound.tryEmitComplete();
        }
    }

    private synchronized boolean emit(WebSocketFrame frame) {
        if (!outboundDone && outbound.tryEmitNext(frame).isSuccess()) {
            return true;
        }
        ReferenceCountUtil.release(frame);
        return false;
    }

    private <T> Mono<T> home(Mono<T> mono) {
        return home == null ? mono : mono.publishOn(home);
    }

    @Override
    public String toString() {
        return "WsConnection " + url;
    }
}
