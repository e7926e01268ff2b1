package io.skynetspring.benchmarks.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;
import reactor.util.concurrent.Queues;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One chat member of a {@link ChatLoad} run: a WebSocket that joins its room, then says a line carrying
 * the generator's {@code System.nanoTime()} ({@code t=<nanos> <run>}) at a fixed rate, and times every
 * such line delivered back to it. Everything after the connect runs on its channel's event loop.
 */
final class ChatClient {

    /** Frames waiting to be written on this connection; the client says one line a second, so 64 is plenty. */
    private static final int OUTBOX = 64;

    private final ObjectMapper json;
    private final String room;
    private final String nick;
    private final String run;
    private final Deliveries deliveries;
    private final Sinks.Many<String> outbox = Sinks.many().unicast().onBackpressureBuffer(Queues.<String>get(OUTBOX).get());
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile ScheduledFuture<?> saying;
    private volatile boolean leaving;
    private long lastSeq = -1;
    private long roomSize;

    ChatClient(ObjectMapper json, String room, String nick, String run, Deliveries deliveries) {
        this.json = json;
        this.room = room;
        this.nick = nick;
        this.run = run;
        this.deliveries = deliveries;
    }

    String room() {
        return room;
    }

    /** Connects and joins; completes when the {@code joined} frame arrives, fails on an error or a close before it. */
    Mono<Void> open(HttpClient.WebsocketSender websocket, String path) {
        websocket.uri(path)
                .handle(this::session)
                .subscribe(null, this::ended, () -> ended(null));
        return Mono.fromFuture(joined);
    }

    private Mono<Void> session(WebsocketInbound in, WebsocketOutbound out) {
        in.withConnection(c -> channel = c.channel());
        ObjectNode join = json.createObjectNode().put("type", "join").put("room", room).put("nick", nick);
        emit(join.toString());
        Mono<Void> receive = in.aggregateFrames(1 << 20).receiveFrames()
                .ofType(TextWebSocketFrame.class)
                .doOnNext(f -> onFrame(f.text()))
                .then();
        return out.sendString(outbox.asFlux()).then().or(receive);
    }

    private void onFrame(String text) {
        long now = System.nanoTime();
        JsonNode frame;
        try {
            frame = json.readTree(text);
        } catch (IOException e) {
            deliveries.error("unparsable-frame");
            return;
        }
        switch (frame.path("type").asText()) {
            case "message" -> onMessage(frame, now);
            case "joined" -> {
                JsonNode history = frame.path("history");
                if (history.size() > 0) {
                    lastSeq = history.get(history.size() - 1).path("seq").asLong(-1);
                }
                joined.complete(null);
            }
            case "error" -> {
                String code = frame.path("code").asText("unknown");
                deliveries.error(code);
                if (!joined.isDone()) {
                    joined.completeExceptionally(new IllegalStateException(nick + " could not join " + room + ": "
                            + code + " " + frame.path("message").asText()));
                }
            }
            default -> { }   // presence and who frames carry no line
        }
    }

    private void onMessage(JsonNode frame, long now) {
        long seq = frame.path("seq").asLong(-1);
        if (lastSeq >= 0 && seq > lastSeq + 1) {
            deliveries.gap(seq - lastSeq - 1);
        }
        lastSeq = Math.max(lastSeq, seq);
        String text = frame.path("text").asText();
        if (text.startsWith("t=") && text.endsWith(" " + run)) {
            int space = text.indexOf(' ');
            deliveries.delivered(now - Long.parseLong(text, 2, space, 10));
        }
    }

    /**
     * Says a line every {@code periodNanos}, the first after {@code delayNanos}, until {@link #stop()}; each
     * line is owed to the {@code roomSize} members of the room, this client included.
     */
    void startSaying(long roomSize, long delayNanos, long periodNanos) {
        this.roomSize = roomSize;
        Channel ch = channel;
        saying = ch.eventLoop().scheduleAtFixedRate(this::say, Math.max(0, delayNanos), periodNanos,
                TimeUnit.NANOSECONDS);
    }

    private void say() {
        if (leaving || !channel.isActive()) {
            return;
        }
        String line = "t=" + System.nanoTime() + " " + run;
        if (emit(json.createObjectNode().put("type", "say").put("text", line).toString())) {
            deliveries.sent(roomSize);
        } else {
            deliveries.outboxFull();
        }
    }

    private boolean emit(String frame) {
        return outbox.tryEmitNext(frame).isSuccess();
    }

    /** Stops saying lines; the connection stays open so lines already said can still arrive. */
    void stop() {
        leaving = true;
        ScheduledFuture<?> s = saying;
        if (s != null) {
            s.cancel(false);
        }
    }

    /** Closes the WebSocket (the outbound completes, so Reactor Netty sends a close frame). */
    void close() {
        stop();
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().execute(outbox::tryEmitComplete);
        } else {
            outbox.tryEmitComplete();
        }
    }

    private void ended(Throwable error) {
        if (!joined.isDone()) {
            joined.completeExceptionally(error != null ? error
                    : new IllegalStateException(nick + ": the server closed the connection before joined"));
        } else if (!leaving) {
            deliveries.closed();
        }
    }
}
