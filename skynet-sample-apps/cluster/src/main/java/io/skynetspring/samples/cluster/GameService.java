package io.skynetspring.samples.cluster;

import io.skynetspring.boot.Command;
import io.skynetspring.boot.SkynetService;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seed 6.1, game_node.lua: {@code get_player(id)} asks node {@code db} for the player's data and node
 * {@code cache} for {@code player_<id>}, and replies {@code {id, data, cached}} (a nil one left out).
 * db is called by address, as the seed calls {@code 0x123456}: asked once with {@code cluster.query};
 * cache by its name {@code .cache}. On each game node its instance registers for the cluster as {@code game_service}.
 *
 * <pre>{@code cluster.call("node1", "@game_service", "get_player", 1001L).block();}</pre>
 */
@SkynetService(value = "game_service", clusterName = "game_service")
public class GameService {

    static final String DB_NODE = "db";
    static final String CACHE_NODE = "cache";

    private final Cluster cluster;
    // db_service's address on node db; forgotten when a call to it fails, as a restarted node may give it another
    private Address db;

    public GameService(Cluster cluster) {
        this.cluster = cluster;
    }

    @Command("get_player")
    public Mono<Map<String, Object>> getPlayer(long id) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", id);
        return dbService()
                .flatMap(address -> cluster.call(DB_NODE, address, "get_player", id)
                        .doOnError(e -> forget(address)))
                .doOnNext(data -> result.put("data", data))
                .then(Mono.defer(() -> cluster.call(CACHE_NODE, ".cache", "get", "player_" + id)))
                .doOnNext(cached -> result.put("cached", cached))
                .then(Mono.fromSupplier(() -> result));
    }

    private Mono<Address> dbService() {
        if (db != null) {
            return Mono.just(db);
        }
        return cluster.query(DB_NODE, "db_service")
                .switchIfEmpty(Mono.error(() -> new ServiceException(
                        "node db gave no address for db_service")))
                .doOnNext(address -> db = address);
    }

    private void forget(Address address) {
        if (address.equals(db)) {
            db = null;
        }
    }
}
