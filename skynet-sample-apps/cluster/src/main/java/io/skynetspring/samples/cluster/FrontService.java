package io.skynetspring.samples.cluster;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.boot.web.http.HttpRequest;
import io.skynetspring.boot.web.http.HttpRoute;
import io.skynetspring.boot.web.http.HttpStatusException;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Seed 6.2: {@code discover_services} asks each game node for {@code game_service} with
 * {@code cluster.query}, skipping nodes that are down or lack it; {@code call_remote_service} picks one
 * at random and calls it. On HTTP: {@code GET /player/{id}} and {@code GET /services}.
 *
 * <pre>{@code
 * Address front = skynet.uniqueService("front").block();
 * skynet.call(front, "call_remote_service", "get_player", 1001L).block();   // {node = "node2", reply = {...}}
 * }</pre>
 */
@SkynetService("front")
public class FrontService {

    private final ServiceContext ctx;
    private final Cluster cluster;
    private final List<String> nodes;
    private final String name;

    public FrontService(ServiceContext ctx, Cluster cluster, ClusterSampleProperties properties) {
        this.ctx = ctx;
        this.cluster = cluster;
        if (properties.getGameNodes().isEmpty()) {
            throw new IllegalStateException("cluster-sample.game-nodes is empty: list the nodes to ask for "
                    + properties.getGameService() + ", e.g. node1,node2,node3");
        }
        this.nodes = List.copyOf(properties.getGameNodes());
        this.name = properties.getGameService();
    }

    /** The game services found now: a list of {@code {node, addr}}, {@code addr} as ":0000000a". */
    @Command("discover_services")
    public Mono<List<Map<String, Object>>> discoverServices() {
        return discover().map(found -> found.services().stream().map(Found::describe).toList());
    }

    /** Calls {@code command} on one game service picked at random; replies {@code {node, reply}}. */
    @Command("call_remote_service")
    public Mono<Map<String, Object>> callRemoteService(String command, Object... args) {
        return discover().flatMap(found -> {
            if (found.services().isEmpty()) {
                return Mono.error(new NoServiceFound(name, found.skipped()));
            }
            Found service = found.services().get(ThreadLocalRandom.current().nextInt(found.services().size()));
            Map<String, Object> served = new LinkedHashMap<>();
            served.put("node", service.node());
            return cluster.call(service.node(), service.address(), command, args)
                    .doOnNext(reply -> served.put("reply", reply))
                    .then(Mono.fromSupplier(() -> served));
        });
    }

    /**
     * Seed 6.3: the remote snax service {@code auth_service} of {@code node}, used like a local one:
     * {@code auth.req.login(user, pass)}, then {@code auth.post.logout(user)}; replies with the login's result.
     */
    @Command("remote_snax")
    public Mono<Object> remoteSnax(String node, String user, String pass) {
        return cluster.snax(node, "auth_service")
                .flatMap(auth -> auth.req("login", user, pass)
                        .doOnNext(token -> auth.post("logout", user)));
    }

    /** {@code get_player(id)} on a game service picked at random: {@code {node, id, data, cached}}. */
    @HttpRoute("/player/{id}")
    @Command
    public Mono<Map<String, Object>> player(HttpRequest request) {
        String text = request.pathVariables().get("id");
        long id;
        try {
            id = Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw httpError(400, "player id \"" + text + "\" is not a whole number, as in /player/1001");
        }
        return callRemoteService("get_player", id)
                .map(served -> {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("node", served.get("node"));
                    if (served.get("reply") instanceof Map<?, ?> player) {
                        player.forEach((k, v) -> body.put(String.valueOf(k), v));
                    }
                    return body;
                })
                .onErrorMap(NoServiceFound.class, e -> httpError(503, e.getMessage()))
                .onErrorMap(ClusterException.class, e -> httpError(502, e.getMessage()));
    }

    /** The game services found now, as {@code discover_services} replies. */
    @HttpRoute("/services")
    @Command
    public Mono<List<Map<String, Object>>> services() {
        return discoverServices();
    }

    /**
     * The route answers with the status of the HttpStatusException it finds among the causes; wrapped in
     * a ServiceException, the service logs it as an expected error (DEBUG) instead of a WARN with a stack
     * per request.
     */
    private static ServiceException httpError(int status, String reason) {
        return new ServiceException(reason, new HttpStatusException(status, reason));
    }

    private Mono<Discovery> discover() {
        Map<String, String> skipped = new LinkedHashMap<>();
        return Flux.fromIterable(nodes)
                .concatMap(node -> cluster.query(node, name)
                        .switchIfEmpty(Mono.error(() -> new ClusterException(node, "query " + name + " gave no address")))
                        .map(address -> new Found(node, address))
                        .onErrorResume(ServiceException.class, e -> {
                            skipped.put(node, e.getMessage());
                            ctx.incidents().warn("cluster-sample.discovery.skipped", ctx.self(),
                                    "discover_services: no {} from node {}: {}", name, node, e.getMessage());
                            return Mono.empty();
                        }))
                .collectList()
                .map(found -> new Discovery(found, skipped));
    }

    private record Found(String node, Address address) {
        Map<String, Object> describe() {
            Map<String, Object> found = new LinkedHashMap<>();
            found.put("node", node);
            found.put("addr", address.toString());
            return found;
        }
    }

    private record Discovery(List<Found> services, Map<String, String> skipped) {
    }

    /** No node answered with the service; says why for each. */
    static final class NoServiceFound extends ServiceException {
        NoServiceFound(String name, Map<String, String> skipped) {
            super("no " + name + " found on any of " + String.join(", ", skipped.keySet()) + ": "
                    + String.join("; ", skipped.values()));
        }
    }
}
