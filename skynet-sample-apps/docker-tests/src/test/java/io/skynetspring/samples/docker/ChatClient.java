package io.skynetspring.samples.docker;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A chat client as the page is one: JSON frames over the chat app's WebSocket (/chat), the frames it receives
 * kept in order.
 *
 * <pre>{@code try (ChatClient alice = ChatClient.connect(port)) { alice.send(Map.of("type", "join", ...)); }}</pre>
 */
final class ChatClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final WebSocket socket;

    private ChatClient(int port) throws Exception {
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            frames.add(JSON.readTree(text.toString()));
                            text.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    static ChatClient connect(int port) throws Exception {
        return new ChatClient(port);
    }

    void send(Map<String, Object> frame) throws Exception {
        socket.sendText(JSON.writeValueAsString(frame), true).get(10, TimeUnit.SECONDS);
    }

    /** The first frame of the type that matches, skipping others; fails after the deadline. */
    JsonNode await(String type, Predicate<JsonNode> matches, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        for (long left = deadline.toNanos(); left > 0; left = end - System.nanoTime()) {
            JsonNode frame = frames.poll(left, TimeUnit.NANOSECONDS);
            if (frame != null && type.equals(frame.path("type").asString()) && matches.test(frame)) {
                return frame;
            }
        }
        throw new AssertionError("no " + type + " frame within " + deadline.toSeconds() + " s");
    }

    @Override
    public void close() {
        socket.abort();
    }
}
