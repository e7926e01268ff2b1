package io.skynetspring.samples.cluster;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.message.ServiceException;

import java.util.HashMap;
import java.util.Map;

/**
 * Seed 6.1, db_node.lua: the players, kept in this service's memory (the db-proxy sample shows them in
 * MySQL). Its instance registers for the cluster as {@code db_service} ({@code clusterName}), so other
 * nodes find its address with {@code cluster.query}.
 *
 * <pre>{@code cluster.call("db", dbAddress, "save_player", 1001L, Map.of("name", "alice")).block();}</pre>
 */
@SkynetService(value = "db_service", clusterName = "db_service")
public class DbService {

    /** Most players held; saving a new one past it is refused (an existing one may still be saved). */
    static final int MAX_PLAYERS = 10_000;

    private final Map<Long, Object> players = new HashMap<>();

    /** The player's data as saved, or nil for a player never saved. */
    @Command("get_player")
    public Object getPlayer(long id) {
        return players.get(id);
    }

    /** Stores {@code data} (a table, a string...) for the player; replies {@code {ok = true}}. */
    @Command("save_player")
    public Map<String, Object> savePlayer(long id, Object data) {
        if (data == null) {
            throw new ServiceException("save_player(" + id + ", data): data is nil; pass the player's table, "
                    + "as in save_player(1001, {name = \"alice\"})");
        }
        if (players.size() >= MAX_PLAYERS && !players.containsKey(id)) {
            throw new ServiceException("save_player(" + id + "): db_service already holds " + MAX_PLAYERS
                    + " players, its most");
        }
        players.put(id, data);
        return Map.of("ok", true);
    }
}
