package io.skynetspring.boot.web.websocket;

import io.skynetspring.core.incident.IncidentLog;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.reactive.socket.CloseStatus;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes to the WebSocket connections of {@link WebSocketRoute} services by connection id, skynet's
 * {@code websocket.write/ping/close}. Safe from any service; a write is queued and never blocks.
 * Each method returns false when the connection is unknown or closing, and a write or ping also
 * when the connection holds more unsent bytes than its {@link WriteLimits} allow (the peer is not
 * reading): such refusals are counted as {@code ws.write.refused} in the runtime's incident log.
 *
 * <pre>{@code webSockets.write(id, "echo: " + text, Frame.TEXT);  webSockets.close(id, 1000, "bye");}</pre>
 */
public final class WebSockets implements SmartLifecycle {

    /**
     * Stops before the web server's graceful shutdown ({@code DEFAULT_PHASE - 1024}), which would
     * otherwise wait out its whole grace period on connections that never end by themselves.
     */
    static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private final Map<Long, ServerConnection> connections = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(3);

    private final WriteLimits limits;
    private final IncidentLog incidents;
    private volatile boolean running;
    private volatile CompletableFuture<Void> drained = new CompletableFuture<>();

    /** Connections bounded by {@link WriteLimits#DEFAULT}, their incidents in a log of their own. */
    public WebSockets() {
        this(WriteLimits.DEFAULT, new IncidentLog());
    }

    /** Connections bounded by {@code limits}; refusals and slow-peer closes go to {@code incidents}. */
    public WebSockets(WriteLimits limits, IncidentLog incidents) {
        this.limits = limits;
        this.incidents = incidents;
    }

    /** Queues a frame; false if the connection is unknown, closing, or past its high-water mark. */
    public boolean write(long id, Object data, Frame kind) {
        ServerConnection c = connections.get(id);
        return c != null && c.write(data, kind);
    }

    /** Writes a text frame. */
    public boolean write(long id, String text) {
        return write(id, text, Frame.TEXT);
    }

    public boolean ping(long id) {
        ServerConnection c = connections.get(id);
        return c != null && c.ping();
    }

    /** Sends a close frame with {@code code} (1000..4999) once queued frames are out; the close event follows. */
    public boolean close(long id, int code, String reason) {
        ServerConnection c = connections.get(id);
        return c != null && c.close(new CloseStatus(code, reason));
    }

    public boolean close(long id) {
        return close(id, CloseStatus.NORMAL.getCode(), "");
    }

    public boolean isOpen(long id) {
        ServerConnection c = connections.get(id);
        return c != null && c.isOpen();
    }

    /** Bytes written to connection {@code id} and not yet handed to its socket; 0 if it is unknown. */
    public long unsent(long id) {
        ServerConnection c = connections.get(id);
        return c == null ? 0 : c.unsent();
    }

    /** How many connections are open on all routes. */
    public int size() {
        return connections.size();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        stop(() -> { });
    }

    /**
     * Closes every connection with 1001 (going away) and lets the context go on once they have ended,
     * or after {@link #SHUTDOWN_WAIT}: their services get the close events while the runtime still runs.
     */
    @Override
    public void stop(Runnable callback) {
        running = false;
        drained = new CompletableFuture<>();
        connections.values().forEach(c -> c.close(CloseStatus.GOING_AWAY.withReason("server shutting down")));
        if (connections.isEmpty()) {
            drained.complete(null);
        }
        drained.completeOnTimeout(null, SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((v, e) -> callback.run());
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    WriteLimits limits() {
        return limits;
    }

    IncidentLog incidents() {
        return incidents;
    }

    long nextId() {
        return ids.incrementAndGet();
    }

    void add(ServerConnection c) {
        connections.put(c.id, c);
    }

    void remove(ServerConnection c) {
        connections.remove(c.id, c);
        if (!running && connections.isEmpty()) {
            drained.complete(null);
        }
    }
}
