package io.skynetspring.samples.dbproxy;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.Init;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.codec.LuaValues;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.ServiceContext;
import io.skynetspring.samples.dbproxy.player.Player;
import io.skynetspring.samples.dbproxy.player.PlayerData;
import io.skynetspring.samples.dbproxy.player.PlayerPage;
import io.skynetspring.samples.dbproxy.player.PlayerStore;
import io.skynetspring.samples.dbproxy.player.RequestKeys;
import io.skynetspring.samples.dbproxy.player.RequestKeys.RequestKey;
import io.skynetspring.samples.dbproxy.schema.Migrations;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Seed 9.2, db_proxy_service.lua: the players table behind skynet commands. JDBC runs through
 * {@code ctx.blocking}, so the worker never waits on the database and replies come back in this
 * service. {@link DatabaseGate} sheds commands with "unavailable" while the database is down or
 * the JDBC threads are behind. A write is never retried here: after a timeout or "unavailable" the
 * caller decides, and retries it with the same request key (the optional last argument of
 * create_player and save_player) to have it applied once. On a node of a cluster other nodes call it
 * as {@code @db_proxy}.
 *
 * <pre>{@code skynet.call(".db_proxy", "create_player", Player.class, Map.of("id", 1001, "name", "alice"), "req-7f3a").block()}</pre>
 */
@SkynetService(value = "db_proxy", clusterName = "db_proxy")
public class DbProxyService {

    /** How often request keys past {@code db-proxy.request-key-ttl} are deleted. */
    static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final ServiceContext ctx;
    private final PlayerStore store;
    private final PlayerData data;
    private final RequestKeys keys;
    private final Migrations migrations;
    private final DatabaseGate gate;
    private final int maxPageSize;
    private final Duration keyTtl;
    private final Scheduler jdbc;
    private final Clock clock;

    public DbProxyService(ServiceContext ctx, PlayerStore store, PlayerData data, RequestKeys keys, Migrations migrations,
                          DbProxyProperties properties, JdbcThreads threads, DatabaseGate gate, ObjectProvider<Clock> clock) {
        this.ctx = ctx;
        this.jdbc = threads.scheduler();
        this.store = store;
        this.data = data;
        this.keys = keys;
        this.migrations = migrations;
        this.gate = gate;
        this.maxPageSize = properties.getMaxPageSize();
        this.keyTtl = properties.getRequestKeyTtl();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Init
    public void start() {
        ctx.log("db_proxy started, schema", migrations.isDone() ? "ready" : "waiting for the database");
        ctx.timeout(PRUNE_EVERY, this::pruneNow);
    }

    /** The player, or nil when there is none. */
    @Command("get_player")
    public Mono<Player> getPlayer(long id) {
        return db(() -> store.find(id));
    }

    /**
     * Replaces a player's data; replies the rows changed, 0 when there is no such player (as the
     * seed). With a request key, a retry replies the first attempt's result and bumps nothing.
     */
    @Command("save_player")
    public Mono<Integer> savePlayer(long id, Map<String, Object> fields, String... requestKey) {
        String json = data.write(fields);
        String key = keyOf("save_player", requestKey);
        if (key == null) {
            return db(() -> store.save(id, json));
        }
        RequestKey once = new RequestKey(key, "save_player", id, data.fingerprint("save_player", id, fields));
        return db(() -> store.save(id, json, once));
    }

    /**
     * Inserts a player whose data carries its {@code id}; an id that is taken is refused. With a
     * request key, a retry of a create that was applied replies the same player, not "player exists".
     */
    @Command("create_player")
    public Mono<Player> createPlayer(Map<String, Object> fields, String... requestKey) {
        long id = idOf(fields);
        String json = data.write(fields);
        String key = keyOf("create_player", requestKey);
        RequestKey once = key == null ? null
                : new RequestKey(key, "create_player", id, data.fingerprint("create_player", id, fields));
        return db(() -> once == null ? store.create(id, json) : store.create(id, json, once))
                .onErrorMap(DuplicateKeyException.class, e -> new ServiceException("player exists: " + id
                        + " (create_player refuses a taken id; change it with save_player)"));
    }

    /** Replies the rows deleted: 1, or 0 when there was no such player. */
    @Command("delete_player")
    public Mono<Integer> deletePlayer(long id) {
        return db(() -> store.delete(id));
    }

    /** Players with an id above {@code after}, in id order, at most {@code limit}; pass the page's next as the following after. */
    @Command("list_players")
    public Mono<PlayerPage> listPlayers(long after, int limit) {
        if (limit < 1 || limit > maxPageSize) {
            throw new ServiceException("limit must be 1.." + maxPageSize + " (db-proxy.max-page-size), got " + limit);
        }
        return db(() -> store.page(after, limit));
    }

    /**
     * Deletes request keys older than {@code db-proxy.request-key-ttl}; replies how many. Runs every
     * {@link #PRUNE_EVERY} by itself.
     */
    @Command("prune_request_keys")
    public Mono<Integer> pruneRequestKeys() {
        Instant before = clock.instant().minus(keyTtl);
        return db(() -> keys.prune(before));
    }

    private void pruneNow() {
        ctx.timeout(PRUNE_EVERY, this::pruneNow);
        try {
            pruneRequestKeys().subscribe(
                    n -> ctx.log("db_proxy pruned", n, "request keys older than", keyTtl),
                    e -> ctx.log("db_proxy could not prune request keys:", e.getMessage()));
        } catch (ServiceException e) {
            ctx.log("db_proxy could not prune request keys:", e.reason());
        }
    }

    /**
     * Errors are described inside the blocking work, so a command that returns this unchained lets
     * the runtime reply straight from the JDBC thread instead of through the mailbox. The work runs
     * on {@link JdbcThreads}'s threads, one per pooled connection, once {@link DatabaseGate} lets
     * it: a shed command throws {@link Unavailable} here or on the JDBC thread, before it touches
     * the database.
     */
    private <T> Mono<T> db(Callable<T> work) {
        DatabaseGate.Ticket ticket = shedding(gate::admit);
        return ctx.<T>blocking(jdbc, () -> {
            shedding(() -> {
                gate.start(ticket);
                return ticket;
            });
            try {
                migrations.ensure();
                T result = work.call();
                gate.reached();
                return result;
            } catch (DuplicateKeyException | ServiceException e) {
                gate.reached();
                throw e;
            } catch (Exception e) {
                if (Failures.isConnectionLoss(e)) {
                    gate.lost(Failures.why(e));
                } else {
                    gate.reached();
                }
                Throwable described = Failures.describe(e);
                throw described instanceof Exception ex ? ex : new IllegalStateException(described);
            }
        });
    }

    /** Runs a gate step; a shed command is counted and logged (rate-limited) as its incident kind. */
    private <T> T shedding(Supplier<T> step) {
        try {
            return step.get();
        } catch (Unavailable e) {
            ctx.incidents().warn(e.kind(), ctx.self(), "db_proxy shed a command: {}", e.reason());
            throw e;
        }
    }

    /** The optional request key of a write: at most one, a non-blank string of up to {@link RequestKeys#MAX_LENGTH}. */
    private static String keyOf(String command, String[] requestKey) {
        if (requestKey.length == 0 || requestKey.length == 1 && requestKey[0] == null) {
            return null;
        }
        if (requestKey.length > 1) {
            throw new ServiceException(command + " takes one request key, got " + requestKey.length
                    + "; pass the same key each time you retry one write");
        }
        String key = requestKey[0];
        if (key.isBlank() || key.length() > RequestKeys.MAX_LENGTH) {
            throw new ServiceException(command + " request key must be 1.." + RequestKeys.MAX_LENGTH
                    + " characters, got " + key.length() + "; a UUID will do");
        }
        return key;
    }

    private static long idOf(Map<String, Object> fields) {
        Object id = fields == null ? null : fields.get("id");
        if (id == null) {
            throw new ServiceException("create_player needs data.id, the new player's id");
        }
        try {
            return LuaValues.convert(id, Long.class);
        } catch (IllegalArgumentException e) {
            throw new ServiceException("create_player data.id must be an integer: " + e.getMessage());
        }
    }
}
