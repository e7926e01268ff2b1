package io.skynetspring.samples.gateway;

import io.skynetspring.samples.gateway.protocol.GameProtocol;
import io.skynetspring.sproto.Dispatched;
import io.skynetspring.sproto.Host;
import io.skynetspring.sproto.RequestPacker;
import io.skynetspring.sproto.Sproto;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/** A browser-like player: the JDK's WebSocket client sending the gateway's sproto packets as binary frames. */
final class WsPlayer implements WebSocket.Listener, AutoCloseable {

    private static final Sproto C2S = Sproto.parse(GameProtocol.schema("c2s"));
    private static final Sproto S2C = Sproto.parse(GameProtocol.schema("s2c"));

    final long id;
    final List<String> heard = new CopyOnWriteArrayList<>();
    private final Host host = S2C.host();
    private final RequestPacker requests = host.attach(C2S);
    private final AtomicLong sessions = new AtomicLong();
    private final Map<Long, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final WebSocket socket;

    WsPlayer(long id, int httpPort) throws Exception {
        this.id = id;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + httpPort + "/ws"), this).get(5, TimeUnit.SECONDS);
    }

    Map<String, Object> login(int scene) throws Exception {
        return request("login", Map.of("id", id, "token", TestPlayer.TOKENS.issue(id), "scene", (long) scene));
    }

    void move(long x, long y) {
        socket.sendBinary(ByteBuffer.wrap(requests.pack("move", Map.of("x", x, "y", y))), true).join();
    }

    Map<String, Object> request(String protocol, Map<String, Object> args) throws Exception {
        long session = sessions.incrementAndGet();
        CompletableFuture<Map<String, Object>> answer = new CompletableFuture<>();
        pending.put(session, answer);
        socket.sendBinary(ByteBuffer.wrap(requests.pack(protocol, args, session)), true).join();
        return answer.get(5, TimeUnit.SECONDS);
    }

    void awaits(String line) {
        await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains(line));
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            Dispatched d = host.dispatch(partial.toByteArray());
            partial.reset();
            if (d instanceof Dispatched.Response r) {
                CompletableFuture<Map<String, Object>> f = pending.remove(r.session());
                if (f != null) {
                    f.complete(r.result() == null ? Map.of() : r.result());
                }
            } else if (d instanceof Dispatched.Request push && push.name().equals("player_move")) {
                heard.add("move " + push.args().get("id") + " " + push.args().get("x") + " " + push.args().get("y"));
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public void close() {
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
    }
}
