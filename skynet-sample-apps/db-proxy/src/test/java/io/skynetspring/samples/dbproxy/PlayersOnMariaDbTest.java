package io.skynetspring.samples.dbproxy;

import io.skynetspring.core.Skynet;
import io.skynetspring.samples.dbproxy.player.Player;
import io.skynetspring.samples.dbproxy.player.PlayerPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The mysql profile against the real MariaDB, in a database of its own. */
@NeedsMariaDb
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.keep-alive=false")
@AutoConfigureWebTestClient
@DirtiesContext
class PlayersOnMariaDbTest {

    static TestSchema schema;

    @Autowired
    Skynet skynet;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema = TestSchema.create("players");
        registry.add("SKYNET_DB_NAME", schema::name);
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void dataIsStoredAsJsonAndReadBackAsStructuredValues() {
        Map<String, Object> hero = Map.of("id", 7, "name", "Zoë 🐉", "gold", 1200,
                "pos", Map.of("x", 1.5, "y", -2), "quest", List.of("dragon", "ring"));
        skynet.call(".db_proxy", "create_player", hero).block(WAIT);

        String column = jdbc.sql("SELECT data FROM players WHERE id = ?").param(7).query(String.class).single();
        assertThat(jdbc.sql("SELECT JSON_VALID(?)").param(column).query(Integer.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT JSON_VALUE(data, '$.name') FROM players WHERE id = ?").param(7)
                .query(String.class).single()).isEqualTo("Zoë 🐉");

        Player read = skynet.call(".db_proxy", "get_player", Player.class, 7).block(WAIT);
        assertThat(read.data()).isEqualTo(Map.of("id", 7, "name", "Zoë 🐉", "gold", 1200,
                "pos", Map.of("x", 1.5, "y", -2), "quest", List.of("dragon", "ring")));
    }

    @Test
    void valuesNeverBecomeSql() {
        String evil = "x'); DROP TABLE players; --";
        skynet.call(".db_proxy", "create_player", Map.of("id", 8, "name", evil)).block(WAIT);
        assertThat(skynet.call(".db_proxy", "save_player", 8, Map.of("id", 8, "name", evil + "\\'")).block(WAIT))
                .isEqualTo(1);
        assertThat(skynet.call(".db_proxy", "get_player", Player.class, 8).block(WAIT).data().get("name"))
                .isEqualTo(evil + "\\'");
        assertThat(failure(skynet.call(".db_proxy", "get_player", "8 OR 1=1")).reason()).contains("parameter 1 (id)");
    }

    @Test
    void aTakenIdIsAClearErrorAndLeavesTheRowAlone() {
        skynet.call(".db_proxy", "create_player", Map.of("id", 9, "name", "first")).block(WAIT);
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 9, "name", "second"))).reason())
                .isEqualTo("player exists: 9 (create_player refuses a taken id; change it with save_player)");
        assertThat(skynet.call(".db_proxy", "get_player", Player.class, 9).block(WAIT).data())
                .containsEntry("name", "first");
    }

    @Test
    void pagesWalkEveryPlayerOnceInIdOrder() {
        IntStream.rangeClosed(101, 125).forEach(id ->
                skynet.call(".db_proxy", "create_player", Map.of("id", id, "n", id)).block(WAIT));
        List<Long> seen = new ArrayList<>();
        Long after = 100L;
        int pages = 0;
        while (after != null && after < 200) {
            PlayerPage page = skynet.call(".db_proxy", "list_players", PlayerPage.class, after, 10).block(WAIT);
            page.players().stream().filter(p -> p.id() <= 125).forEach(p -> seen.add(p.id()));
            after = page.next();
            pages++;
        }
        assertThat(seen).containsExactlyElementsOf(IntStream.rangeClosed(101, 125).mapToObj(Long::valueOf).toList());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void healthShowsMariaDbAndFlywayRanTheMigrations() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.components.db.status").isEqualTo("UP")
                .jsonPath("$.components.db.details.database").isEqualTo("MariaDB");
        assertThat(jdbc.sql("SELECT version FROM flyway_schema_history WHERE success = 1").query(String.class).list())
                .contains("1");
    }
}
