package io.skynetspring.samples.dbproxy.player;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The players table through {@link JdbcClient}; every value is a bound parameter. Blocking: call it
 * from {@code ctx.blocking(...)}, never on a skynet worker.
 *
 * <pre>{@code ctx.blocking(() -> store.find(1001))}</pre>
 */
@Component
public class PlayerStore {

    private final JdbcClient jdbc;
    private final PlayerData data;
    private final RequestKeys keys;

    public PlayerStore(JdbcClient jdbc, PlayerData data, RequestKeys keys) {
        this.jdbc = jdbc;
        this.data = data;
        this.keys = keys;
    }

    /** The player, or null when there is none. */
    public Player find(long id) {
        return jdbc.sql("SELECT id, data, version FROM players WHERE id = ?")
                .param(id)
                .query(this::row)
                .optional()
                .orElse(null);
    }

    /** Inserts a new player; a taken id fails with Spring's DuplicateKeyException. */
    public Player create(long id, String json) {
        jdbc.sql("INSERT INTO players (id, data) VALUES (?, ?)").params(id, json).update();
        return new Player(id, data.read(json), 0);
    }

    /** {@link #create(long, String)} once per request key: a retry with the key answers the same and inserts nothing. */
    public Player create(long id, String json, RequestKeys.RequestKey key) {
        keys.once(key, () -> {
            create(id, json);
            return 1;
        });
        return new Player(id, data.read(json), 0);
    }

    /** {@link #save(long, String)} once per request key: a retry with the key replies the first result and bumps nothing. */
    public int save(long id, String json, RequestKeys.RequestKey key) {
        return (int) keys.once(key, () -> save(id, json));
    }

    /** Replaces the data of a player; the number of rows changed (0: no such player). */
    public int save(long id, String json) {
        return jdbc.sql("UPDATE players SET data = ?, version = version + 1, updated_at = CURRENT_TIMESTAMP WHERE id = ?")
                .params(json, id)
                .update();
    }

    public int delete(long id) {
        return jdbc.sql("DELETE FROM players WHERE id = ?").param(id).update();
    }

    /** Up to {@code limit} players with an id above {@code after}, in id order. */
    public PlayerPage page(long after, int limit) {
        List<Player> players = jdbc.sql("SELECT id, data, version FROM players WHERE id > ? ORDER BY id LIMIT ?")
                .params(after, limit)
                .query(this::row)
                .list();
        Long next = players.size() == limit ? players.get(players.size() - 1).id() : null;
        return new PlayerPage(players, next);
    }

    private Player row(ResultSet rs, int n) throws SQLException {
        return new Player(rs.getLong("id"), data.read(rs.getString("data")), rs.getLong("version"));
    }
}
