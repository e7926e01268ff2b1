package io.skynetspring.samples.gateway.data;

import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.incident.IncidentLog;
import io.skynetspring.core.message.ServiceException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Players kept as the seed's game server (9.1) keeps them, over cluster calls ({@code gateway.data=cluster}):
 * a load asks the cache node first, then the db-proxy shard that {@link PlayerShards} picks by id, and fills
 * the cache; a save writes the shard, then the cache. A shard that is down fails the loads of its players at
 * once, naming it, even of players the cache holds (their saves would be lost); the other shards' players go
 * on. A cache that fails is skipped: the shard answers, and each failure is a rate-limited incident.
 *
 * <pre>{@code new ClusterPlayerData(cluster, runtime.incidents(), json, properties).load(1001).block()}</pre>
 */
public final class ClusterPlayerData implements PlayerData {

    /** Ids whose cached copy may be older than the shard's, at most; past it the oldest are forgotten (counted). */
    static final int MAX_STALE = 65_536;

    private final Cluster cluster;
    private final IncidentLog incidents;
    private final JsonMapper json;
    private final PlayerShards shards;
    private final String cacheNode;
    private final String dbName;
    private final String cacheTarget;
    private final long cacheExpireSeconds;
    private final Duration cacheTimeout;
    // a save whose cache update failed leaves an old copy there; these ids read the shard until a fill succeeds
    private final StaleCopies stale;

    public ClusterPlayerData(Cluster cluster, IncidentLog incidents, JsonMapper json, ClusterDataProperties properties) {
        this.cluster = cluster;
        this.incidents = incidents;
        this.json = json;
        this.shards = new PlayerShards(properties.getShards());
        String cache = properties.getCache();
        this.cacheNode = cache == null || cache.isBlank() ? null : cache.trim();
        this.dbName = required(properties.getDbService(), "gateway.cluster-data.db-service");
        this.cacheTarget = "@" + required(properties.getCacheService(), "gateway.cluster-data.cache-service");
        this.cacheExpireSeconds = properties.getCacheExpire().toSeconds();
        if (cacheExpireSeconds < 1) {
            throw new IllegalArgumentException("gateway.cluster-data.cache-expire must be at least 1s, was "
                    + properties.getCacheExpire());
        }
        this.cacheTimeout = properties.getCacheTimeout();
        this.stale = new StaleCopies(MAX_STALE, incidents);
    }

    @Override
    public Mono<Player> load(long playerId) {
        String shard = shards.of(playerId);
        Mono<Player> stored = Mono.defer(() -> stored(shard, playerId))
                .flatMap(p -> fill(p).thenReturn(p))
                .switchIfEmpty(Mono.fromSupplier(() -> Player.fresh(playerId)));
        if (cacheNode == null || isStale(playerId)) {
            return stored;
        }
        // the shard must answer even for a cached player, whose save at logout goes there; asked alongside
        // the cache, a node round trip that never touches the database
        Mono<Optional<Player>> cached = cached(playerId).map(Optional::of).defaultIfEmpty(Optional.empty());
        Mono<Boolean> shardUp = cluster.query(shard, dbName).thenReturn(true)
                .onErrorMap(e -> shardFailed(shard, playerId, "loaded", e));
        return Mono.zip(cached, shardUp).flatMap(both -> both.getT1().map(Mono::just).orElse(stored));
    }

    @Override
    public Mono<Void> save(Player player) {
        String shard = shards.of(player.id());
        Map<String, Object> table = table(player);
        return write(shard, player.id(), table)
                .onErrorMap(e -> shardFailed(shard, player.id(), "saved", e))
                .then(Mono.defer(() -> cacheNode == null ? Mono.empty() : refresh(player.id(), table)));
    }

    /** The shard each player id goes to. */
    public PlayerShards shards() {
        return shards;
    }

    // ---- the shard ---------------------------------------------------------------------------------

    private Mono<Player> stored(String shard, long playerId) {
        return cluster.call(shard, "@" + dbName, "get_player", playerId)
                .onErrorMap(e -> shardFailed(shard, playerId, "loaded", e))
                .map(row -> player(playerId, row instanceof Map<?, ?> m ? m.get("data") : row,
                        "shard " + shard));
    }

    /** save_player, or create_player for a player the shard does not have yet (save again if another gateway won). */
    private Mono<Void> write(String shard, long playerId, Map<String, Object> table) {
        String db = "@" + dbName;
        Mono<Void> update = cluster.call(shard, db, "save_player", Long.class, playerId, table)
                .flatMap(rows -> rows > 0 ? Mono.empty() : cluster.call(shard, db, "create_player", table)
                        .onErrorResume(e -> isTaken(e), e -> cluster.call(shard, db, "save_player", playerId, table))
                        .then());
        return update.then();
    }

    private static boolean isTaken(Throwable e) {
        return e.getMessage() != null && e.getMessage().contains("player exists");
    }

    private ServiceException shardFailed(String shard, long playerId, String what, Throwable e) {
        incidents.warn("gateway.data.shard.failed", null, "gateway: player {} was not {}: shard {} failed: {}",
                playerId, what, shard, e.getMessage());
        return new ServiceException("player " + playerId + " cannot be " + what + ": its shard " + shard + " ("
                + (shards.indexOf(playerId) + 1) + " of " + shards.nodes().size() + ") failed: " + e.getMessage()
                + "; players of the other shards are not affected, retry once " + shard + " is back", e);
    }

    // ---- the cache ---------------------------------------------------------------------------------

    private Mono<Player> cached(long playerId) {
        return cluster.call(cacheNode, cacheTarget, "get", key(playerId))
                .timeout(cacheTimeout)
                .onErrorResume(e -> {
                    cacheFailed("get", playerId, "the shard answers instead", e);
                    return Mono.empty();
                })
                .flatMap(text -> Mono.justOrEmpty(parse(playerId, text)));
    }

    /** Stores a loaded player's copy; a failure leaves the load alone. */
    private Mono<Void> fill(Player player) {
        if (cacheNode == null) {
            return Mono.empty();
        }
        return cluster.call(cacheNode, cacheTarget, "set", key(player.id()), table(player), cacheExpireSeconds)
                .timeout(cacheTimeout)
                .doOnSuccess(ok -> stale.remove(player.id()))
                .onErrorResume(e -> {
                    cacheFailed("set", player.id(), "the player is loaded all the same", e);
                    return Mono.empty();
                })
                .then();
    }

    /** Replaces a saved player's copy; when that fails the copy is old, so loads skip it until a fill succeeds. */
    private Mono<Void> refresh(long playerId, Map<String, Object> table) {
        return cluster.call(cacheNode, cacheTarget, "set", key(playerId), table, cacheExpireSeconds)
                .timeout(cacheTimeout)
                .doOnSuccess(ok -> stale.remove(playerId))
                .onErrorResume(e -> {
                    stale.add(playerId);
                    cacheFailed("set", playerId, "saved on the shard; its loads skip the cache until it takes a copy", e);
                    return Mono.empty();
                })
                .then();
    }

    private boolean isStale(long playerId) {
        return stale.contains(playerId);
    }

    private Player parse(long playerId, Object text) {
        try {
            if (!(text instanceof String s)) {
                throw new IllegalArgumentException("not a JSON text but " + LuaValues.typeName(text));
            }
            Player p = player(playerId, json.readValue(s, Map.class), "the cache");
            if (p.id() != playerId) {
                throw new IllegalArgumentException("it holds player " + p.id());
            }
            return p;
        } catch (IllegalArgumentException | JacksonException | ServiceException e) {
            incidents.warn("gateway.data.cache.bad-value", null, "gateway: cached copy of player {} on {} is "
                    + "unusable, reading the shard: {}", playerId, cacheNode, e.getMessage());
            return null;
        }
    }

    private void cacheFailed(String command, long playerId, String consequence, Throwable e) {
        incidents.warn("gateway.data.cache.failed", null, "gateway: cache {} failed '{}' of player {} ({}): {}",
                cacheNode, command, playerId, consequence, e.getMessage() == null ? e.toString() : e.getMessage());
    }

    private static String key(long playerId) {
        return "player_" + playerId;
    }

    // ---- the player as a table -----------------------------------------------------------------------

    static Map<String, Object> table(Player p) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("id", p.id());
        t.put("name", p.name());
        t.put("scene", p.scene());
        t.put("x", p.x());
        t.put("y", p.y());
        t.put("level", p.level());
        return t;
    }

    private static Player player(long playerId, Object data, String where) {
        if (data == null) {
            throw new ServiceException("player " + playerId + " from " + where + " has no data");
        }
        try {
            return LuaValues.convert(data, Player.class);
        } catch (IllegalArgumentException e) {
            throw new ServiceException("player " + playerId + " from " + where + " is not a gateway player ("
                    + e.getMessage() + "); its data needs id, name, scene, x, y and level");
        }
    }

    private static String required(String value, String property) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(property + " is empty: give the service's cluster name");
        }
        return value.trim();
    }
}
