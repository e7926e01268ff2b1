package io.skynetspring.samples.cluster;

import io.skynetspring.core.cluster.ClusterException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node stops: calls that need it fail at once, naming it, long before the 20 s call deadline; discovery
 * skips a stopped game node; a node restarted on its port is called again by the next call.
 */
class NodeOutageTest {

    static final String DEADLINE = "20s";
    static final Duration FAST = Duration.ofSeconds(3);

    @Test
    void dbDownFailsGetPlayerAtOnceNamingDbAndTheNextCallAfterItsRestartSucceeds() {
        try (SampleNodes nodes = TestNodes.start("skynet.call-timeout", DEADLINE)) {
            DemoPlayers.save(nodes);
            assertThat(getPlayer(nodes, 1001L)).containsEntry("data", Map.of("name", "alice", "level", 12L));
            String dbAt = nodes.table().get("db");

            nodes.stop("db");

            long start = System.nanoTime();
            ServiceException viaGame = failure(TestNodes.front(nodes, "call_remote_service", "get_player", 1001L));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            assertThat(viaGame.getMessage()).contains("cluster node [db]");

            start = System.nanoTime();
            ServiceException direct = failure(nodes.cluster("node1").call("db", "@db_service", "get_player", 1001L));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            assertThat(direct).isInstanceOf(ClusterException.class);
            assertThat(((ClusterException) direct).node()).isEqualTo("db");

            WebTestClient web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + nodes.httpPort())
                    .responseTimeout(WAIT).build();
            web.get().uri("/player/1001").exchange().expectStatus().isEqualTo(502);

            nodes.restart("db");
            assertThat(nodes.cluster("db").listening().getHostString() + ":" + nodes.cluster("db").listening().getPort())
                    .isEqualTo(dbAt);

            // db keeps players in memory: it came back empty, and the cache still has alice's value. A call
            // inside the link's back-off (100 ms doubling, from the failed calls while db was down) fails at
            // once, so the first answer may take a retry
            await().atMost(WAIT).ignoreExceptions()
                    .until(() -> getPlayer(nodes, 1001L).equals(Map.of("id", 1001L, "cached", "online")));
            Address db = nodes.cluster("node2").query("db", "db_service").block(WAIT);
            nodes.cluster("node2").call("db", db, "save_player", 1001L, Map.of("name", "alice", "level", 13L)).block(WAIT);
            assertThat(getPlayer(nodes, 1001L)).containsEntry("data", Map.of("name", "alice", "level", 13L));
            web.get().uri("/player/1001").exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.data.level").isEqualTo(13);
        }
    }

    @Test
    void aStoppedGameNodeIsSkippedByDiscoveryAndFoundAgainAfterItsRestart() {
        try (SampleNodes nodes = TestNodes.start("skynet.call-timeout", DEADLINE)) {
            DemoPlayers.save(nodes);

            nodes.stop("node3");

            long start = System.nanoTime();
            assertThat(discovered(nodes)).containsExactly("node1", "node2");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            for (int i = 0; i < 30; i++) {
                Map<?, ?> served = (Map<?, ?>) TestNodes.front(nodes, "call_remote_service", "get_player", 1002L)
                        .block(WAIT);
                assertThat(served.get("node")).isIn("node1", "node2");
                assertThat(served.get("reply")).isEqualTo(Map.of("id", 1002L, "data", Map.of("name", "bob", "level", 3L)));
            }

            nodes.restart("node3");

            // found again once node1's link to node3 is past its back-off from the failed queries
            await().atMost(WAIT).until(() -> discovered(nodes).equals(List.of("node1", "node2", "node3")));
            assertThat(nodes.cluster("node1").call("node3", "@game_service", "get_player", 1002L).block(WAIT))
                    .isEqualTo(Map.of("id", 1002L, "data", Map.of("name", "bob", "level", 3L)));
        }
    }

    @Test
    void noGameServiceAnywhereFailsWithWhyForEachNode() {
        try (SampleNodes nodes = TestNodes.start("skynet.call-timeout", DEADLINE)) {
            nodes.stop("node2");
            nodes.stop("node3");
            nodes.cluster("node1").unregister("game_service");

            long start = System.nanoTime();
            String message = failure(TestNodes.front(nodes, "call_remote_service", "get_player", 1001L)).getMessage();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(FAST);
            assertThat(message).startsWith("no game_service found on any of node1, node2, node3: "
                    + "cluster node [node1]: 'query game_service' failed: name not found; cluster node [node2]: ")
                    .contains("; cluster node [node3]: ");

            WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + nodes.httpPort()).responseTimeout(WAIT).build()
                    .get().uri("/player/1001").exchange().expectStatus().isEqualTo(503);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> getPlayer(SampleNodes nodes, long id) {
        return (Map<String, Object>) ((Map<?, ?>) TestNodes.front(nodes, "call_remote_service", "get_player", id).block(WAIT))
                .get("reply");
    }

    private static List<Object> discovered(SampleNodes nodes) {
        return ((List<?>) TestNodes.front(nodes, "discover_services").block(WAIT)).stream()
                .<Object>map(found -> ((Map<?, ?>) found).get("node"))
                .toList();
    }
}
