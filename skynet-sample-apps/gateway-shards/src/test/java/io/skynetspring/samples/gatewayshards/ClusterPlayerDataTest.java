package io.skynetspring.samples.gatewayshards;

import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterSettings;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.NodeSettings;
import io.skynetspring.samples.gateway.data.ClusterDataProperties;
import io.skynetspring.samples.gateway.data.ClusterPlayerData;
import io.skynetspring.samples.gateway.data.Player;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's {@link ClusterPlayerData} over the real apps: two db-proxy shards (db0, db1), each its own
 * database on the MariaDB, and the cache on Redis, called over the cluster as the gateway calls them. Players
 * land on shard id mod 2; a load fills the cache and the next load is served from it; a stopped shard fails
 * its players at once, naming it, while the other shard serves; a stopped cache leaves loads to the shards.
 */
@NeedsServers
class ClusterPlayerDataTest {

    /** Far above what "at once" means, so a failure that waited for its deadline cannot pass. */
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);
    static final Duration FAST = Duration.ofSeconds(3);

    static ShardDatabases databases;
    static DataNodes nodes;
    static SkynetRuntime gateway;
    static Cluster cluster;
    static ClusterPlayerData data;

    @BeforeAll
    static void start() {
        databases = ShardDatabases.create(2);
        nodes = DataNodes.start(databases, 2);
        gateway = SkynetRuntime.start(new NodeSettings(2, 64, 1024, CALL_TIMEOUT, 0), Duration.ofSeconds(2));
        cluster = Cluster.start(gateway, ClusterSettings.defaults().withName("gateway").withNodes(nodes.table())
                .withRetry(Duration.ofMillis(50), Duration.ofMillis(500)));
        ClusterDataProperties properties = new ClusterDataProperties();
        properties.setShards(nodes.shards());
        properties.setCache(DataNodes.CACHE);
        properties.setCacheExpire(Duration.ofMinutes(5));
        data = new ClusterPlayerData(cluster, gateway.incidents(), JsonMapper.builder().build(), properties);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        if (databases != null) {
            databases.close();
        }
    }

    @Test
    void playersLandOnTheShardTheirIdPicksAndLoadBackAsSaved() {
        for (long id = 101; id <= 106; id++) {
            data.save(Player.fresh(id).inScene(3).movedTo((int) id, -7)).block(WAIT);
        }

        assertThat(databases.longs(0, "SELECT id FROM players WHERE id BETWEEN 101 AND 106 ORDER BY id")).containsExactly(102L, 104L, 106L);
        assertThat(databases.longs(1, "SELECT id FROM players WHERE id BETWEEN 101 AND 106 ORDER BY id")).containsExactly(101L, 103L, 105L);
        assertThat(data.shards().of(101)).isEqualTo("db1");
        for (long id = 101; id <= 106; id++) {
            assertThat(data.load(id).block(WAIT)).isEqualTo(new Player(id, "player" + id, 3, (int) id, -7, 1));
        }
        // saved again: the row is updated, not duplicated
        data.save(Player.fresh(102).inScene(4)).block(WAIT);
        assertThat(databases.longs(0, "SELECT version FROM players WHERE id = 102")).containsExactly(1L);
        assertThat(data.load(102).block(WAIT).scene()).isEqualTo(4);
    }

    @Test
    void aPlayerNeverSavedLoadsFreshAndIsStoredByItsFirstSave() {
        assertThat(data.load(150).block(WAIT)).isEqualTo(Player.fresh(150));
        assertThat(databases.longs(0, "SELECT id FROM players WHERE id = 150")).isEmpty();

        data.save(Player.fresh(150).movedTo(5, 5)).block(WAIT);

        assertThat(databases.longs(0, "SELECT id FROM players WHERE id = 150")).containsExactly(150L);
    }

    @Test
    void aLoadFillsTheCacheAndTheNextLoadIsServedFromIt() {
        // stored by the shard alone, so the cache has never seen it
        cluster.call("db1", "@db_proxy", "create_player", Map.of("id", 201L, "name", "ann", "scene", 2L, "x", 1L,
                "y", 2L, "level", 7L)).block(WAIT);
        assertThat(cached(201)).isNull();

        assertThat(data.load(201).block(WAIT)).isEqualTo(new Player(201, "ann", 2, 1, 2, 7));
        assertThat(cached(201)).contains("\"name\":\"ann\"").contains("\"level\":7");

        // the row changes behind the gateway's back: the next load does not read it, the cache answers
        databases.update(1, "UPDATE players SET data = JSON_SET(data, '$.level', 99) WHERE id = 201");
        assertThat(data.load(201).block(WAIT).level()).isEqualTo(7);

        cluster.call(DataNodes.CACHE, "@cache", "del", "player_201").block(WAIT);
        assertThat(data.load(201).block(WAIT).level()).isEqualTo(99);
    }

    @Test
    void aStoppedShardFailsItsPlayersAtOnceNamingItWhileTheOtherShardServes() {
        data.save(Player.fresh(301).movedTo(3, 1)).block(WAIT);
        data.save(Player.fresh(302).movedTo(3, 2)).block(WAIT);
        assertThat(cached(301)).as("saved players are cached").isNotNull();

        nodes.stop("db1");
        try {
            // 301 is cached, 303 is not: both are db1's, and both fail
            for (long id : List.of(301L, 303L)) {
                long start = System.nanoTime();
                ServiceException e = failure(data.load(id));
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
                assertThat(e.getMessage()).startsWith("player " + id + " cannot be loaded: its shard db1 (2 of 2) failed: "
                        + "cluster node [db1]");
            }
            assertThat(failure(data.save(Player.fresh(301))).getMessage())
                    .startsWith("player 301 cannot be saved: its shard db1 (2 of 2) failed");

            assertThat(data.load(302).block(WAIT)).isEqualTo(Player.fresh(302).movedTo(3, 2));
            data.save(Player.fresh(302).movedTo(9, 9)).block(WAIT);
            assertThat(data.load(302).block(WAIT).x()).isEqualTo(9);
            assertThat(gateway.incidents().count("gateway.data.shard.failed")).isGreaterThanOrEqualTo(3);
        } finally {
            nodes.restart("db1");
        }

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(data.load(301).block(WAIT)).isEqualTo(Player.fresh(301).movedTo(3, 1)));
        data.save(Player.fresh(301).movedTo(4, 4)).block(WAIT);
        assertThat(databases.longs(1, "SELECT JSON_VALUE(data, '$.x') FROM players WHERE id = 301")).containsExactly(4L);
    }

    @Test
    void aStoppedCacheLeavesLoadsToTheShardsAndItsOldCopiesAreNotReadOnceItIsBack() {
        data.save(Player.fresh(401)).block(WAIT);
        assertThat(cached(401)).contains("\"level\":1");
        long failedBefore = gateway.incidents().count("gateway.data.cache.failed");

        nodes.stop(DataNodes.CACHE);
        try {
            long start = System.nanoTime();
            assertThat(data.load(401).block(WAIT)).isEqualTo(Player.fresh(401));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            // saved while the cache is down: the shard has level 5, Redis still holds level 1
            data.save(new Player(401, "player401", 1, 0, 0, 5)).block(WAIT);
            assertThat(gateway.incidents().count("gateway.data.cache.failed")).isGreaterThan(failedBefore);
        } finally {
            nodes.restart(DataNodes.CACHE);
        }

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .untilAsserted(() -> assertThat(cached(401)).contains("\"level\":1"));
        assertThat(data.load(401).block(WAIT).level()).isEqualTo(5);
        // the load that read the shard put the new copy in the cache
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(data.load(401).block(WAIT).level()).isEqualTo(5);
            assertThat(cached(401)).contains("\"level\":5");
        });
    }

    /** What the cache node holds for the player, as the gateway would read it; null when nothing. */
    private static String cached(long id) {
        return (String) cluster.call(DataNodes.CACHE, "@cache", "get", "player_" + id).block(WAIT);
    }
}
