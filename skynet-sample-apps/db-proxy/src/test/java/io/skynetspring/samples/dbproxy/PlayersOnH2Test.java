package io.skynetspring.samples.dbproxy;

import io.skynetspring.core.Skynet;
import io.skynetspring.samples.dbproxy.player.Player;
import io.skynetspring.samples.dbproxy.player.PlayerPage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.List;
import java.util.Map;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The default profile: the app on embedded H2, as it starts on a bare machine. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.keep-alive=false",
        "db-proxy.max-data-bytes=1024",
})
@AutoConfigureWebTestClient
class PlayersOnH2Test {

    @Autowired
    Skynet skynet;

    @Autowired
    WebTestClient web;

    @Test
    void playersAreCreatedReadSavedListedAndDeleted() {
        Map<String, Object> alice = Map.of("id", 1001, "name", "alice", "level", 3,
                "bag", List.of(Map.of("item", "sword", "count", 1)));
        Player created = skynet.call(".db_proxy", "create_player", Player.class, alice).block(WAIT);
        assertThat(created.id()).isEqualTo(1001);

        Player read = skynet.call(".db_proxy", "get_player", Player.class, 1001).block(WAIT);
        assertThat(read.data()).containsEntry("name", "alice").containsEntry("level", 3);
        assertThat(read.data().get("bag")).isEqualTo(List.of(Map.of("item", "sword", "count", 1)));
        assertThat(read.version()).isZero();

        assertThat(skynet.call(".db_proxy", "save_player", 1001, Map.of("id", 1001, "name", "alice", "level", 4))
                .block(WAIT)).isEqualTo(1);
        Player saved = skynet.call(".db_proxy", "get_player", Player.class, 1001).block(WAIT);
        assertThat(saved.data()).containsEntry("level", 4).doesNotContainKey("bag");
        assertThat(saved.version()).isEqualTo(1);

        skynet.call(".db_proxy", "create_player", Map.of("id", 1002, "name", "bob")).block(WAIT);
        PlayerPage first = skynet.call(".db_proxy", "list_players", PlayerPage.class, 1000, 1).block(WAIT);
        assertThat(first.players()).extracting(Player::id).containsExactly(1001L);
        PlayerPage second = skynet.call(".db_proxy", "list_players", PlayerPage.class, first.next(), 1).block(WAIT);
        assertThat(second.players()).extracting(Player::id).containsExactly(1002L);
        assertThat(second.players().get(0).data()).containsEntry("name", "bob");

        assertThat(skynet.call(".db_proxy", "delete_player", 1001).block(WAIT)).isEqualTo(1);
        assertThat(skynet.call(".db_proxy", "delete_player", 1001).block(WAIT)).isEqualTo(0);
        assertThat(skynet.call(".db_proxy", "get_player", 1001).blockOptional(WAIT)).isEmpty();
        assertThat(skynet.call(".db_proxy", "save_player", 1001, Map.of("level", 9)).block(WAIT)).isEqualTo(0);
    }

    @Test
    void refusalsSayWhatIsWrong() {
        skynet.call(".db_proxy", "create_player", Map.of("id", 2001)).block(WAIT);
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 2001, "name", "again"))).reason())
                .startsWith("player exists: 2001");
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("name", "nobody"))).reason())
                .contains("needs data.id");
        assertThat(failure(skynet.call(".db_proxy", "save_player", 2001, Map.of("blob", "x".repeat(2000)))).reason())
                .startsWith("player data too large").contains("at most 1024");
        assertThat(failure(skynet.call(".db_proxy", "list_players", 0, 1000)).reason())
                .startsWith("limit must be 1..100");
        assertThat(skynet.call(".db_proxy", "get_player", Player.class, 2001).block(WAIT).version()).isZero();
    }

    @Test
    void actuatorShowsTheDatabaseMetricsAndTheNode() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.db.details.database").isEqualTo("H2");
        web.get().uri("/actuator/metrics/hikaricp.connections").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("hikaricp_connections"));
        web.get().uri("/actuator/skynet").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("db_proxy"));
    }
}
