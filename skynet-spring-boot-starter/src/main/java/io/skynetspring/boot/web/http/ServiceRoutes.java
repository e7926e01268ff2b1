package io.skynetspring.boot.web.http;

import io.skynetspring.core.Skynet;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes WebFlux handlers that call a unique service: behind every {@link HttpRoute}, and usable in
 * your own {@code RouterFunction}. The handler reads the request (413 over
 * {@code skynet.http.max-body-size}), calls {@code command} with an {@link HttpRequest}, and renders
 * the reply; a failed call is a JSON error: 504 on the call's deadline, 503 on a full mailbox, the
 * status of an {@link HttpStatusException} the command threw, else 500.
 *
 * <pre>{@code RouterFunctions.route(GET("/hello"), routes.to("web", "hello"))}</pre>
 */
public final class ServiceRoutes {

    /** One {@code @HttpRoute} method found on a service class. */
    public record Route(String path, List<String> methods, String template, String command, boolean takesRequest) {
    }

    private final Skynet skynet;
    private final RequestReader reader;

    public ServiceRoutes(Skynet skynet, int maxBodySize) {
        this.skynet = skynet;
        this.reader = new RequestReader(maxBodySize);
    }

    /** A handler that calls {@code command} of the unique service {@code template} with the request. */
    public HandlerFunction<ServerResponse> to(String template, String command) {
        return handler(new Route("", List.of(), template, command, true));
    }

    /** All routes as one router function; matches nothing when there are none. */
    public RouterFunction<ServerResponse> router(List<Route> routes) {
        if (routes.isEmpty()) {
            return request -> Mono.empty();
        }
        RouterFunctions.Builder builder = RouterFunctions.route();
        for (Route r : routes) {
            RequestPredicate predicate = RequestPredicates.path(r.path());
            if (!r.methods().isEmpty()) {
                predicate = predicate.and(RequestPredicates.methods(
                        r.methods().stream().map(HttpMethod::valueOf).toArray(HttpMethod[]::new)));
            }
            builder.route(predicate, handler(r));
        }
        return builder.build();
    }

    /**
     * For each path served by routes of some methods only, a 405 with {@code Allow} for the others;
     * empty when every path takes any method. Meant to be consulted after every other handler, so
     * that a controller serving another method on the same path keeps it.
     */
    public Optional<RouterFunction<ServerResponse>> methodNotAllowed(List<Route> routes) {
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        Set<String> anyMethod = new HashSet<>();
        for (Route r : routes) {
            if (r.methods().isEmpty()) {
                anyMethod.add(r.path());
            } else {
                r.methods().forEach(m -> allowed.computeIfAbsent(r.path(), p -> new LinkedHashSet<>())
                        .add(m.toUpperCase(Locale.ROOT)));
            }
        }
        anyMethod.forEach(allowed::remove);
        if (allowed.isEmpty()) {
            return Optional.empty();
        }
        RouterFunctions.Builder builder = RouterFunctions.route();
        allowed.forEach((path, methods) -> builder.route(RequestPredicates.path(path),
                request -> HttpErrors.methodNotAllowed(request, methods)));
        return Optional.of(builder.build());
    }

    private HandlerFunction<ServerResponse> handler(Route route) {
        String label = route.template() + "." + route.command();
        if (!route.takesRequest()) {
            // nothing to build for a command that takes no request; the body limit still holds
            return request -> reader.check(request)
                    .then(skynet.uniqueService(route.template()))
                    .flatMap(service -> skynet.call(service, route.command()))
                    .flatMap(Replies::render)
                    .switchIfEmpty(Mono.defer(Replies::none))
                    .onErrorResume(e -> HttpErrors.render(request, label, e));
        }
        return request -> reader.read(request)
                .flatMap(req -> skynet.uniqueService(route.template())
                        .flatMap(service -> skynet.call(service, route.command(), req)))
                .flatMap(Replies::render)
                .switchIfEmpty(Mono.defer(Replies::none))
                .onErrorResume(e -> HttpErrors.render(request, label, e));
    }
}
