package io.skynetspring.samples.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 6.2: the front finds game_service on node1..node3 by cluster.query and calls one at random; also over HTTP. */
class DiscoveryTest {

    static SampleNodes nodes;
    static WebTestClient web;

    @BeforeAll
    static void start() {
        nodes = TestNodes.start();
        DemoPlayers.save(nodes);
        web = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + nodes.httpPort()).responseTimeout(WAIT).build();
    }

    @AfterAll
    static void stop() {
        if (nodes != null) {
            nodes.close();
        }
    }

    @Test
    void discoverServicesFindsGameServiceOnEachGameNode() {
        List<Map<String, Object>> expected = List.of("node1", "node2", "node3").stream()
                .map(node -> Map.<String, Object>of("node", node,
                        "addr", nodes.cluster(node).registered().get("game_service").toString()))
                .toList();

        assertThat(TestNodes.front(nodes, "discover_services").block(WAIT)).isEqualTo(expected);
    }

    @Test
    void callRemoteServiceCallsOneOfThemAndOverManyCallsEachOne() {
        Set<Object> served = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> reply = (Map<String, Object>) TestNodes.front(nodes, "call_remote_service",
                    "get_player", 1001L).block(WAIT);
            assertThat(reply.get("reply")).isEqualTo(Map.of("id", 1001L,
                    "data", Map.of("name", "alice", "level", 12L), "cached", "online"));
            served.add(reply.get("node"));
        }
        // a node missed by 60 fair picks out of 3 happens once in 10^10 runs
        assertThat(served).containsExactlyInAnyOrder("node1", "node2", "node3");
    }

    @Test
    void anUnknownCommandOnTheRemoteServiceNamesIt() {
        assertThat(failure(TestNodes.front(nodes, "call_remote_service", "levelup", 1001L)).getMessage())
                .contains("levelup");
    }

    @Test
    void getPlayerOverHttp() {
        web.get().uri("/player/1001").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.node").value(node -> assertThat(node).isIn("node1", "node2", "node3"))
                .jsonPath("$.id").isEqualTo(1001)
                .jsonPath("$.data.name").isEqualTo("alice")
                .jsonPath("$.data.level").isEqualTo(12)
                .jsonPath("$.cached").isEqualTo("online");
        web.get().uri("/player/1002").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.data.name").isEqualTo("bob")
                .jsonPath("$.cached").doesNotExist();
        web.get().uri("/player/alice").exchange()
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.message").isEqualTo("player id \"alice\" is not a whole number, as in /player/1001");
    }

    @Test
    void servicesOverHttpListTheGameServices() {
        web.get().uri("/services").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$[*].node").isEqualTo(List.of("node1", "node2", "node3"))
                .jsonPath("$[0].addr").isEqualTo(nodes.cluster("node1").registered().get("game_service").toString());
    }
}
