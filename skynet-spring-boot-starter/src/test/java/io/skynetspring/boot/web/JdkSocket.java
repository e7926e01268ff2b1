package io.skynetspring.boot.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JDK's own WebSocket client, a client we did not write, recording what it receives as lines. */
final class JdkSocket implements WebSocket.Listener {

    static final Duration WAIT = Duration.ofSeconds(10);

    final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>();
    WebSocket ws;
    private final StringBuilder text = new StringBuilder();

    static JdkSocket open(int port, Map<String, String> headers) {
        JdkSocket socket = new JdkSocket();
        WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT);
        headers.forEach(builder::header);
        socket.ws = builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws"), socket).join();
        return socket;
    }

    static JdkSocket open(int port) {
        return open(port, Map.of());
    }

    /** The next event, e.g. {@code "text echo: hi"}, {@code "binary 3"}, {@code "pong"}; fails after the deadline. */
    String next() throws InterruptedException {
        String e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            throw new AssertionError("no WebSocket event within " + WAIT);
        }
        return e;
    }

    String send(String message) throws InterruptedException {
        ws.sendText(message, true).join();
        return next();
    }

    /** {@code "code reason"} of the close frame the server sent, or of the failure. */
    String closeSeen() throws Exception {
        return closed.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        text.append(data);
        if (last) {
            events.add("text " + text);
            text.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        events.add("binary " + data.remaining());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        events.add("pong " + message.remaining());
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete("error " + error);
    }
}
