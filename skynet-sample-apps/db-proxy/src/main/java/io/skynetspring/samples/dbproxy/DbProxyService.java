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
import io.skynetspring.samples.dbproxy.schema.Migrations;
import org.springframework.dao.DuplicateKeyException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Seed 9.2, db_proxy_service.lua: the players table behind skynet commands. JDBC runs through
 * {@code ctx.blocking}, so the worker never waits on the database and replies come back in this
 * service. A write is never retried here: after an outage the caller decides, and nothing is
 * written twice behind its back.
 *
 * <pre>{@code skynet.call(".db_proxy", "create_player", Player.class, Map.of("id", 1001, "name", "alice")).block()}</pre>
 */
@SkynetService("db_proxy")
public class DbProxyService {

    private final ServiceContext ctx;
    private final PlayerStore store;
    private final PlayerData data;
    private final Migrations migrations;
    private final int maxPageSize;
    private final Scheduler jdbc;

    public DbProxyService(ServiceContext ctx, PlayerStore store, PlayerData data, Migrations migrations,
                          DbProxyProperties properties, Scheduler jdbcScheduler) {
        this.ctx = ctx;
        this.jdbc = jdbcScheduler;
        this.store = store;
        this.data = data;
        this.migrations = migrations;
        this.maxPageSize = properties.getMaxPageSize();
    }

    @Init
    public void start() {
        ctx.log("db_proxy started, schema", migrations.isDone() ? "ready" : "waiting for the database");
    }

    /** The player, or nil when there is none. */
    @Command("get_player")
    public Mono<Player> getPlayer(long id) {
        return db(() -> store.find(id));
    }

    /** Replaces a player's data; replies the rows changed, 0 when there is no such player (as the seed). */
    @Command("save_player")
    public Mono<Integer> savePlayer(long id, Map<String, Object> fields) {
        String json = data.write(fields);
        return db(() -> store.save(id, json));
    }

    /** Inserts a player whose data carries its {@code id}; an id that is taken is refused. */
    @Command("create_player")
    public Mono<Player> createPlayer(Map<String, Object> fields) {
        long id = idOf(fields);
        String json = data.write(fields);
        return db(() -> store.create(id, json))
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
     * Errors are described inside the blocking work, so a command that returns this unchained lets
     * the runtime reply straight from the JDBC thread instead of through the mailbox. The work runs
     * on {@link JdbcThreads}'s threads, one per pooled connection.
     */
    private <T> Mono<T> db(Callable<T> work) {
        return ctx.<T>blocking(jdbc, () -> {
            try {
                migrations.ensure();
                return work.call();
            } catch (DuplicateKeyException e) {
                throw e;
            } catch (Exception e) {
                Throwable described = Failures.describe(e);
                throw described instanceof Exception ex ? ex : new IllegalStateException(described);
            }
        });
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
