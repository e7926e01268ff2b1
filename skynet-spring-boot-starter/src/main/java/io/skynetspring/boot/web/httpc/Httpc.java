package io.skynetspring.boot.web.httpc;

import io.skynetspring.core.service.ServiceContext;
import org.springframework.http.HttpMethod;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * skynet's {@code httpc} over WebClient: {@code get}, {@code post} (a form) and {@code request},
 * each giving status, headers and body, with one deadline over the whole request. The Monos are
 * cold: nothing is built or sent until a subscription, and each subscription sends the request; a
 * bad URL or method fails the Mono with {@link HttpcException}, it is never thrown at the call. Inside a service, use {@link #on(ServiceContext)}
 * (e.g. in the constructor) so that the Monos complete in that service:
 *
 * <pre>{@code this.http = httpc.on(ctx);  ...  http.get("http://127.0.0.1:8080/api").map(HttpcResponse::text)}</pre>
 */
public final class Httpc {

    private static final byte[] NO_BODY = new byte[0];

    private final WebClient client;
    private final Duration timeout;
    private final Scheduler home;

    private Httpc(WebClient client, Duration timeout, Scheduler home) {
        this.client = client;
        this.timeout = timeout;
        this.home = home;
    }

    /** An httpc over {@code client} whose requests are abandoned after {@code timeout}. */
    public static Httpc create(WebClient client, Duration timeout) {
        return new Httpc(client, timeout, null);
    }

    /** The same httpc, its results delivered in {@code ctx}'s service. */
    public Httpc on(ServiceContext ctx) {
        return new Httpc(client, timeout, ctx.scheduler());
    }

    /** The same httpc with another deadline (skynet's {@code httpc.timeout}). */
    public Httpc withTimeout(Duration timeout) {
        return new Httpc(client, timeout, home);
    }

    /** The same httpc with another deadline in centiseconds, as skynet counts time ({@code withTimeout(300)} = 3 s). */
    public Httpc withTimeout(long centiseconds) {
        return withTimeout(Duration.ofMillis(centiseconds * 10));
    }

    public Mono<HttpcResponse> get(String url) {
        return request("GET", url, Map.of(), null);
    }

    public Mono<HttpcResponse> get(String url, Map<String, String> headers) {
        return request("GET", url, headers, null);
    }

    /** POSTs {@code form} as application/x-www-form-urlencoded; an {@code Iterable} value repeats its key. */
    public Mono<HttpcResponse> post(String url, Map<String, ?> form) {
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        form.forEach((k, v) -> {
            if (v instanceof Iterable<?> many) {
                many.forEach(x -> fields.add(k, String.valueOf(x)));
            } else {
                fields.add(k, String.valueOf(v));
            }
        });
        return exchange("POST", url, () -> client.post().uri(URI.create(url)).body(BodyInserters.fromFormData(fields)));
    }

    /** Any method; {@code body} is null, a String, a byte[] or an object written as JSON. */
    public Mono<HttpcResponse> request(String method, String url, Map<String, String> headers, Object body) {
        return exchange(method, url, () -> {
            WebClient.RequestBodySpec spec = client.method(HttpMethod.valueOf(method.toUpperCase(Locale.ROOT)))
                    .uri(URI.create(url))
                    .headers(h -> headers.forEach(h::set));
            return body == null ? spec : spec.bodyValue(body);
        });
    }

    /** The request is built when subscribed, so a bad URL or method fails the Mono like any other error. */
    private Mono<HttpcResponse> exchange(String method, String url, Supplier<WebClient.RequestHeadersSpec<?>> spec) {
        String what = method.toUpperCase(Locale.ROOT) + " " + url;
        Mono<HttpcResponse> response = Mono.defer(() -> spec.get().exchangeToMono(Httpc::read))
                .timeout(timeout, Mono.error(() -> new HttpcException(what, "no response within "
                        + timeout.toMillis() + " ms", true, null)))
                .onErrorMap(e -> !(e instanceof HttpcException),
                        e -> new HttpcException(what, e.getMessage(), false, e));
        return home == null ? response : response.publishOn(home);
    }

    private static Mono<HttpcResponse> read(ClientResponse r) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().asHttpHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        return r.bodyToMono(byte[].class)
                .defaultIfEmpty(NO_BODY)
                .map(body -> new HttpcResponse(r.statusCode().value(), headers, body));
    }
}
