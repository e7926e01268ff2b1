package io.skynetspring.boot.console.web;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;

/**
 * The console's GET routes under the management base path: the page and its script and style
 * (classpath resources of the starter under {@code META-INF/skynet-console/}), {@code /snapshot}
 * and {@code /stream}. There is no other method and no route that changes anything.
 *
 * <pre>{@code ConsoleRoutes.router("/actuator", sampler, streams)}</pre>
 */
public final class ConsoleRoutes {

    /** The page runs only its own script and style, so an address or name can never become markup. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private ConsoleRoutes() {
    }

    /** The routes at {@code {base}/skynet-console}; {@code base} is e.g. {@code /actuator} or empty. */
    public static RouterFunction<ServerResponse> router(String base, ConsoleSampler sampler, ConsoleStreams streams) {
        String root = root(base);
        byte[] page = resource("index.html");
        byte[] script = resource("console.js");
        byte[] style = resource("console.css");
        return RouterFunctions.route()
                .GET(root, request -> file(page, MediaType.TEXT_HTML))
                .GET(root + "/", request -> ServerResponse.permanentRedirect(
                        URI.create(request.requestPath().contextPath().value() + root)).build())
                .GET(root + "/console.js", request -> file(script, MediaType.valueOf("text/javascript")))
                .GET(root + "/console.css", request -> file(style, MediaType.valueOf("text/css")))
                // sampling walks every service: on a CPU scheduler, not on the event loop serving the request
                .GET(root + "/snapshot", request -> Mono.fromCallable(sampler::current)
                        .subscribeOn(Schedulers.parallel())
                        .flatMap(snapshot -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON)
                                .cacheControl(CacheControl.noStore()).bodyValue(snapshot)))
                .GET(root + "/stream", request -> streams.open()
                        .map(events -> ServerResponse.ok().cacheControl(CacheControl.noStore())
                                .header("X-Accel-Buffering", "no")   // proxies such as nginx would hold events back
                                .body(BodyInserters.fromServerSentEvents(events)))
                        .orElseGet(() -> tooMany(streams.max())))
                .build();
    }

    /** {@code {base}/skynet-console} with the base's slashes tidied ({@code /} and empty mean the root). */
    public static String root(String base) {
        String b = base == null ? "" : base.trim();
        while (b.endsWith("/")) {
            b = b.substring(0, b.length() - 1);
        }
        if (!b.isEmpty() && !b.startsWith("/")) {
            b = "/" + b;
        }
        return b + "/skynet-console";
    }

    private static Mono<ServerResponse> file(byte[] body, MediaType type) {
        return ServerResponse.ok().contentType(type).cacheControl(CacheControl.noCache())
                .header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .bodyValue(body);
    }

    private static Mono<ServerResponse> tooMany(int max) {
        int status = HttpStatus.SERVICE_UNAVAILABLE.value();
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).header("Retry-After", "5")
                .bodyValue(Map.of("status", status, "error", max + " console streams are open, the most allowed; "
                        + "close a console page or raise skynet.console.web.max-streams"));
    }

    private static byte[] resource(String name) {
        try (InputStream in = new ClassPathResource("META-INF/skynet-console/" + name,
                ConsoleRoutes.class.getClassLoader()).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("skynet console: the starter's " + name + " is missing from the classpath", e);
        }
    }
}
