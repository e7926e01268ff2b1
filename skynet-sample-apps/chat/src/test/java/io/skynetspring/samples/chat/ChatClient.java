package io.skynetspring.samples.chat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A chat user over the JDK's WebSocket client: sends frames, takes the server's frames in order. */
final class ChatClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    ChatClient(int port) {
        socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/chat"), new Listener())
                .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    ChatClient send(String frame) {
        socket.sendText(frame, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
        return this;
    }

    ChatClient join(String room, String nick) {
        return send("{\"type\":\"join\",\"room\":\"" + room + "\",\"nick\":\"" + nick + "\"}");
    }

    ChatClient say(String text) {
        return send(JSON.writeValueAsString(java.util.Map.of("type", "say", "text", text)));
    }

    /** The next frame from the server. */
    JsonNode next() throws InterruptedException {
        JsonNode f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(f).as("a frame from the server within %s", WAIT).isNotNull();
        return f;
    }

    /** The next frame, which must be of {@code type}. */
    JsonNode next(String type) throws InterruptedException {
        JsonNode f = next();
        assertThat(f.path("type").asString()).as("frame %s", f).isEqualTo(type);
        return f;
    }

    /** Skips frames up to the next one of {@code type} (presence lines of others, say). */
    JsonNode skipTo(String type) throws InterruptedException {
        JsonNode f = next();
        while (!type.equals(f.path("type").asString())) {
            f = next();
        }
        return f;
    }

    /** Frames that came and were not taken yet, without waiting. */
    int pending() {
        return frames.size();
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
