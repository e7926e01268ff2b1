package io.skynetspring.boot.web.websocket;

import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.client.WebsocketClientSpec;

import java.time.Duration;
import java.util.Map;

/**
 * Opens WebSocket connections, skynet's {@code websocket.connect(url, header, timeout)}. From inside a
 * service use {@link #on(ServiceContext)}, so that every {@code Mono} of the client and its
 * connections completes in that service. The Monos are cold: each subscription to {@code connect}
 * opens a connection.
 *
 * <pre>{@code WsConnection ws = wsClient.on(ctx).connect("ws://127.0.0.1:8080/ws")...}</pre>
 */
public final class WsClient {

    private final HttpClient http;
    private final Duration timeout;
    private final int maxFrameSize;
    private final WriteLimits limits;
    private final IncidentLog incidents;
    private final Address service;
    private final Scheduler home;

    private WsClient(HttpClient http, Duration timeout, int maxFrameSize, WriteLimits limits, IncidentLog incidents,
                     Address service, Scheduler home) {
        this.http = http;
        this.timeout = timeout;
        this.maxFrameSize = maxFrameSize;
        this.limits = limits;
        this.incidents = incidents;
        this.service = service;
        this.home = home;
    }

    /** A client over {@code http}; {@code timeout} caps the handshake and each {@code ping}. */
    public static WsClient create(HttpClient http, Duration timeout, int maxFrameSize) {
        return create(http, timeout, maxFrameSize, WriteLimits.DEFAULT, new IncidentLog());
    }

    /** A client whose connections are bounded by {@code limits}, their refusals and slow closes counted in {@code incidents}. */
    public static WsClient create(HttpClient http, Duration timeout, int maxFrameSize, WriteLimits limits,
                                  IncidentLog incidents) {
        return new WsClient(http, timeout, maxFrameSize, limits, incidents, Address.NONE, null);
    }

    /** The same client, its results delivered in {@code ctx}'s service and its incidents logged under it. */
    public WsClient on(ServiceContext ctx) {
        return new WsClient(http, timeout, maxFrameSize, limits, ctx.incidents(), ctx.self(), ctx.scheduler());
    }

    /** The same client with another handshake and ping deadline. */
    public WsClient withTimeout(Duration timeout) {
        return new WsClient(http, timeout, maxFrameSize, limits, incidents, service, home);
    }

    /** The same client with another handshake and ping deadline, in centiseconds as skynet counts time. */
    public WsClient withTimeout(long centiseconds) {
        return withTimeout(Duration.ofMillis(centiseconds * 10));
    }

    public Mono<WsConnection> connect(String url) {
        return connect(url, Map.of());
    }

    /** Connects with extra handshake headers; fails on refusal, connection errors or the timeout. */
    public Mono<WsConnection> connect(String url, Map<String, String> headers) {
        WebsocketClientSpec spec = WebsocketClientSpec.builder().maxFramePayloadLength(maxFrameSize).build();
        Mono<WsConnection> open = Mono.create(sink -> {
            WsConnection conn = new WsConnection(url, home, timeout, limits, incidents, service);
            var running = http.headers(h -> headers.forEach(h::set))
                    .websocket(spec)
                    .uri(url)
                    .handle((in, out) -> {
                        sink.success(conn);
                        return conn.run(in, out, maxFrameSize);
                    })
                    .subscribe(null, e -> {
                        conn.ended(e);
                        sink.error(new WsException(url, e));
                    }, () -> conn.ended(null));
            sink.onCancel(() -> {
                if (!conn.isOpened()) {
                    running.dispose();
                }
            });
        });
        open = open.timeout(timeout, Mono.error(() -> new WsException(url, "no handshake within " + timeout.toMillis() + " ms")));
        return home == null ? open : open.publishOn(home);
    }
}
