package io.skynetspring.samples.cluster;

import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.service.Address;

import java.time.Duration;
import java.util.Map;

/** The players the running sample starts with, saved through the cluster as any node would. */
final class DemoPlayers {

    static final Duration WAIT = Duration.ofSeconds(10);

    private DemoPlayers() {
    }

    /** alice (1001, with {@code player_1001} cached) and bob (1002, nothing cached). */
    static void save(SampleNodes nodes) {
        Cluster cluster = nodes.cluster("node1");
        Address db = cluster.query("db", "db_service").block(WAIT);
        cluster.call("db", db, "save_player", 1001L, Map.of("name", "alice", "level", 12L)).block(WAIT);
        cluster.call("db", db, "save_player", 1002L, Map.of("name", "bob", "level", 3L)).block(WAIT);
        cluster.call("cache", ".cache", "set", "player_1001", "online").block(WAIT);
    }
}
