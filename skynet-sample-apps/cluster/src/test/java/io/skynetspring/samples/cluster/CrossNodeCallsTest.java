package io.skynetspring.samples.cluster;

import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 6.1: get_player on a game node calls node db by address and node cache by name. */
class CrossNodeCallsTest {

    static SampleNodes nodes;

    @BeforeAll
    static void start() {
        nodes = TestNodes.start();
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void everyNodeListensOnItsOwnPortAndKnowsTheOthers() {
        Map<String, String> table = nodes.table();
        assertThat(table).containsOnlyKeys("db", "cache", "node1", "node2", "node3");
        assertThat(table.values()).doesNotHaveDuplicates().allSatisfy(a -> assertThat(a).startsWith("127.0.0.1:"));
        for (String node : table.keySet()) {
            assertThat(nodes.cluster(node).nodes()).isEqualTo(table);
        }
    }

    @Test
    void getPlayerOnEachGameNodeReturnsTheDbDataAndTheCachedValue() {
        Cluster cluster = nodes.cluster("node1");
        Address db = cluster.query("db", "db_service").block(WAIT);
        assertThat(cluster.call("db", db, "save_player", 7L, Map.of("name", "carol", "level", 5L)).block(WAIT))
                .isEqualTo(Map.of("ok", true));
        assertThat(cluster.call("cache", ".cache", "set", "player_7", "in lobby").block(WAIT)).isEqualTo("OK");

        for (String game : new String[] {"node1", "node2", "node3"}) {
            Object player = cluster.call(game, "@game_service", "get_player", 7L).block(WAIT);
            assertThat(player).as("get_player(7) on " + game).isEqualTo(Map.of(
                    "id", 7L, "data", Map.of("name", "carol", "level", 5L), "cached", "in lobby"));
        }
    }

    @Test
    void aPlayerSavedAgainIsReadWithItsNewData() {
        Cluster cluster = nodes.cluster("node2");
        Address db = cluster.query("db", "db_service").block(WAIT);
        cluster.call("db", db, "save_player", 8L, Map.of("name", "dave", "level", 1L)).block(WAIT);
        cluster.call("db", db, "save_player", 8L, Map.of("name", "dave", "level", 2L)).block(WAIT);

        assertThat(cluster.call("node3", "@game_service", "get_player", 8L).block(WAIT))
                .isEqualTo(Map.of("id", 8L, "data", Map.of("name", "dave", "level", 2L)));
    }

    @Test
    void aPlayerNeverSavedHasOnlyItsId() {
        assertThat(nodes.cluster("node3").call("node2", "@game_service", "get_player", 404L).block(WAIT))
                .isEqualTo(Map.of("id", 404L));
    }

    @Test
    void badArgumentsSayWhatIsWrong() {
        Cluster cluster = nodes.cluster("node1");
        assertThat(failure(cluster.call("node2", "@game_service", "get_player", "abc")).getMessage())
                .contains("node2").contains("get_player").contains("abc");
        assertThat(failure(cluster.call("db", "@db_service", "save_player", 9L)).getMessage())
                .startsWith("cluster node [db]: ").contains("parameter 2 (data) is missing");
        Address db = nodes.cluster("db").registered().get("db_service");
        assertThat(failure(nodes.skynet("db").call(db, "save_player", 9L, null)).getMessage())
                .contains("data is nil");
        assertThat(failure(cluster.call("cache", ".cache", "get", "")).getMessage())
                .contains("key is missing");
    }
}
