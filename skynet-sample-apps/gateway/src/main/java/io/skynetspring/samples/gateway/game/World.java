package io.skynetspring.samples.gateway.game;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.samples.gateway.GatewayProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;

/**
 * Who is online and where the scenes are (a unique service). A login is admitted at most
 * {@code gateway.login-rate} a second after a burst of {@code gateway.login-burst}; past that it is
 * answered "busy" (a login flood costs no agent or data load). A second login of the same player
 * replaces the first, whose agent is told ({@code replaced}) and kicks its client. A player counts as
 * online until its agent has saved it. At shutdown ({@code shutdown}) logins are refused and every
 * player online is saved and disconnected.
 *
 * <pre>{@code Address scene = skynet.call(world, "login", Address.class, 1001L, agent, 2).block();}</pre>
 */
@SkynetService("world")
public class World {

    private final ServiceContext ctx;
    private final GatewayProperties properties;
    private final Map<Long, Address> online = new HashMap<>();
    private final Map<Integer, Mono<Address>> scenes = new HashMap<>();
    private final LoginBucket bucket;
    private boolean closing;

    public World(ServiceContext ctx, GatewayProperties properties) {
        this.ctx = ctx;
        this.properties = properties;
        this.bucket = new LoginBucket(properties.getLoginRate(), properties.getLoginBurst(), System.nanoTime());
    }

    /** Admits player {@code id} played by {@code agent}; fails "busy" past the login rate. */
    @Command
    public boolean login(long id, Address agent) {
        if (closing) {
            throw new ServiceException("the server is shutting down; log in again once it is back");
        }
        if (!bucket.take(System.nanoTime())) {
            ctx.incidents().record("gateway.login.busy");
            throw new ServiceException("server busy: more than " + properties.getLoginBurst() + " logins at once and "
                    + properties.getLoginRate() + " a second after that; log in again in a second");
        }
        Address before = online.put(id, agent);
        if (before != null && !before.equals(agent)) {
            ctx.send(before, "replaced");
        }
        return true;
    }

    /** Forgets {@code id} if {@code agent} still plays it (not when a newer login replaced it). */
    @Command
    public void logout(long id, Address agent) {
        online.remove(id, agent);
    }

    /** The scene service of scene {@code scene}, started on first use. */
    @Command
    public Mono<Address> scene(int scene) {
        Mono<Address> known = scenes.get(scene);
        if (known != null) {
            return known;
        }
        if (scene < 0) {
            throw new ServiceException("scene " + scene + " does not exist; scenes are numbered from 0");
        }
        if (scenes.size() >= properties.getMaxScenes()) {
            throw new ServiceException("the node runs " + properties.getMaxScenes()
                    + " scenes (gateway.max-scenes); enter one of those");
        }
        Mono<Address> started = ctx.newService("scene", scene).cache();
        scenes.put(scene, started);
        return started.doOnError(e -> scenes.remove(scene, started));
    }

    /**
     * The node is stopping (the app's shutdown calls this before the gates and the runtime close): no
     * more logins, and every player online hears why, is saved and is disconnected. Answers
     * {@code {saved=n, failed=m}} once every agent has answered.
     */
    @Command
    public Mono<Map<String, Integer>> shutdown() {
        closing = true;
        return Flux.fromIterable(new HashSet<>(online.values()))
                .flatMap(agent -> ctx.call(agent, "shutdown").thenReturn(true).onErrorReturn(false))
                .collectList()
                .map(answers -> {
                    int saved = (int) answers.stream().filter(ok -> ok).count();
                    return Map.of("saved", saved, "failed", answers.size() - saved);
                });
    }

    /** Players online. */
    @Command
    public int online() {
        return online.size();
    }
}
