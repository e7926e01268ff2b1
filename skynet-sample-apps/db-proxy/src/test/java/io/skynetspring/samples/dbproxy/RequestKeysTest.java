package io.skynetspring.samples.dbproxy;

import io.skynetspring.core.Skynet;
import io.skynetspring.samples.dbproxy.player.Player;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * create_player and save_player with a request key (issue #12 finding 6): a retry answers as the
 * first attempt did and writes nothing more, whatever became of the first attempt's reply.
 */
@SpringBootTest(properties = {"spring.main.keep-alive=false", "db-proxy.request-key-ttl=1h"})
class RequestKeysTest {

    static final TestClock clock = new TestClock();

    @TestConfiguration
    static class Clocks {
        @Bean
        Clock clock() {
            return clock;
        }
    }

    @Autowired
    Skynet skynet;

    @Autowired
    JdbcClient jdbc;

    private Player create(Map<String, Object> data, String key) {
        return skynet.call(".db_proxy", "create_player", Player.class, data, key).block(WAIT);
    }

    private Object save(long id, Map<String, Object> data, String key) {
        return skynet.call(".db_proxy", "save_player", id, data, key).block(WAIT);
    }

    private long version(long id) {
        return skynet.call(".db_proxy", "get_player", Player.class, id).block(WAIT).version();
    }

    @Test
    void aCreateRetriedWithItsKeyAnswersThePlayerNotPlayerExists() {
        Player first = create(Map.of("id", 3001, "name", "alice"), "create-3001");
        Player again = create(Map.of("id", 3001, "name", "alice"), "create-3001");
        assertThat(again).isEqualTo(first);
        assertThat(again.data()).containsEntry("name", "alice");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM players WHERE id = 3001").query(Long.class).single()).isOne();

        // the same answer even after the player changed: it is the first attempt's answer
        save(3001, Map.of("name", "alice", "level", 2), "save-3001-a");
        assertThat(create(Map.of("id", 3001, "name", "alice"), "create-3001")).isEqualTo(first);

        // someone else's create of a taken id is still refused, keyed or not
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 3001, "name", "mallory"), "other"))
                .reason()).startsWith("player exists: 3001");
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 3001, "name", "mallory"))).reason())
                .startsWith("player exists: 3001");
    }

    @Test
    void aSaveRetriedWithItsKeyBumpsTheVersionOnce() {
        create(Map.of("id", 3002, "name", "bob"), "create-3002");
        Map<String, Object> level5 = new LinkedHashMap<>();
        level5.put("name", "bob");
        level5.put("level", 5);
        assertThat(save(3002, level5, "save-3002-1")).isEqualTo(1);
        // the retry carries the same fields in another order: still the same request
        assertThat(save(3002, Map.of("level", 5, "name", "bob"), "save-3002-1")).isEqualTo(1);
        assertThat(save(3002, level5, "save-3002-1")).isEqualTo(1);
        assertThat(version(3002)).isEqualTo(1);

        assertThat(save(3002, Map.of("name", "bob", "level", 6), "save-3002-2")).isEqualTo(1);
        assertThat(version(3002)).isEqualTo(2);
        // unkeyed saves keep the seed's behaviour: every call bumps
        save(3002, Map.of("name", "bob", "level", 7), null);
        assertThat(skynet.call(".db_proxy", "save_player", 3002, Map.of("name", "bob", "level", 7)).block(WAIT)).isEqualTo(1);
        assertThat(version(3002)).isEqualTo(4);

        // a save of a missing player answers 0, and so does its retry, even once the player exists
        assertThat(save(3999, Map.of("name", "ghost"), "save-3999")).isEqualTo(0);
        create(Map.of("id", 3999, "name", "ghost"), "create-3999");
        assertThat(save(3999, Map.of("name", "ghost"), "save-3999")).isEqualTo(0);
        assertThat(version(3999)).isZero();
    }

    @Test
    void aKeyReusedForAnotherRequestIsRefusedAndWritesNothing() {
        create(Map.of("id", 3003, "name", "carol"), "create-3003");
        save(3003, Map.of("name", "carol", "level", 1), "save-3003");
        assertThat(failure(skynet.call(".db_proxy", "save_player", 3003, Map.of("name", "carol", "level", 9), "save-3003"))
                .reason()).isEqualTo("request key \"save-3003\" was used by an earlier save_player of player 3003 with"
                        + " other arguments; a retry must repeat them, a new request needs a new key");
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 3004), "save-3003")).reason())
                .contains("was used by an earlier save_player of player 3003");
        assertThat(skynet.call(".db_proxy", "get_player", 3004).blockOptional(WAIT)).isEmpty();
        Player carol = skynet.call(".db_proxy", "get_player", Player.class, 3003).block(WAIT);
        assertThat(carol.data()).containsEntry("level", 1);
        assertThat(carol.version()).isEqualTo(1);
    }

    @Test
    void badKeysAreRefusedWithWhatToPass() {
        assertThat(failure(skynet.call(".db_proxy", "save_player", 3005, Map.of("n", 1), " ")).reason())
                .isEqualTo("save_player request key must be 1..100 characters, got 1; a UUID will do");
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 3005), "k".repeat(101))).reason())
                .contains("must be 1..100 characters, got 101");
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 3005), "a", "b")).reason())
                .startsWith("create_player takes one request key, got 2");
        assertThat(skynet.call(".db_proxy", "get_player", 3005).blockOptional(WAIT)).isEmpty();
    }

    @Test
    void keysAreForgottenAfterTheirTtl() {
        create(Map.of("id", 3006, "name", "dave"), "create-3006");
        assertThat(skynet.call(".db_proxy", "prune_request_keys", Integer.class).block(WAIT)).isZero();
        clock.advance(Duration.ofMinutes(61));
        assertThat(skynet.call(".db_proxy", "prune_request_keys", Integer.class).block(WAIT)).isPositive();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM request_keys WHERE request_key = 'create-3006'").query(Long.class).single())
                .isZero();
        // past its ttl a retry is a new request: the id is taken
        assertThat(failure(skynet.call(".db_proxy", "create_player", Map.of("id", 3006, "name", "dave"), "create-3006"))
                .reason()).startsWith("player exists: 3006");
    }
}
