package io.skynetspring.boot.web;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.httpc.Httpc;
import io.skynetspring.boot.web.websocket.Frame;
import io.skynetspring.boot.web.websocket.WsClient;
import io.skynetspring.core.service.ServiceContext;
import org.slf4j.MDC;
import reactor.core.publisher.Mono;

/** Uses httpc and the WebSocket client from inside a service, reporting where each continuation ran. */
@SkynetService("probe")
public class Prober {

    private final ServiceContext ctx;
    private final Httpc http;
    private final WsClient ws;

    public Prober(ServiceContext ctx, Httpc httpc, WsClient wsClient) {
        this.ctx = ctx;
        this.http = httpc.on(ctx);
        this.ws = wsClient.on(ctx);
    }

    @Command
    public Mono<String> fetch(String url) {
        return http.get(url).map(r -> where() + " " + r.status() + " " + r.text())
                .onErrorResume(e -> Mono.just(where() + " failed " + e.getMessage()));
    }

    @Command
    public Mono<String> echo(String url, String text) {
        return ws.connect(url).flatMap(conn -> {
            String connected = where();
            conn.write(text, Frame.TEXT);
            return conn.read().flatMap(m -> {
                String read = where();
                return conn.close(1000, "done").map(how -> connected + " " + read + " " + where() + " "
                        + m.text() + " / " + how.code());
            });
        });
    }

    /** "in" when running inside this service's drain: its worker set this service's address in the MDC. */
    private String where() {
        boolean inside = ctx.self().toString().equals(MDC.get("skynet.address"))
                && Thread.currentThread().getName().contains("-worker-");
        return inside ? "in" : "OUT(" + Thread.currentThread().getName() + ")";
    }
}
