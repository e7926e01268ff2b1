package io.skynetspring.samples.cache;

import io.skynetspring.core.Skynet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.json.JsonMapper;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** The seed's cache commands against the real Redis, under a key prefix of this class's own. */
@NeedsRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.keep-alive=false",
        "cache.max-value-bytes=1024",
})
@AutoConfigureWebTestClient
class CacheCommandsTest {

    static final KeyPrefix keys = KeyPrefix.fresh("commands");

    @Autowired
    Skynet skynet;

    @Autowired
    ReactiveStringRedisTemplate redis;

    @Autowired
    JsonMapper json;

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void prefix(DynamicPropertyRegistry registry) {
        registry.add("cache.key-prefix", keys::value);
    }

    @AfterEach
    void clean() {
        keys.clean(redis);
    }

    @Test
    void setGetAndDelAsTheSeedDoes() {
        assertThat(skynet.call(".cache", "set", "greeting", "hello").block(WAIT)).isEqualTo("OK");
        assertThat(skynet.call(".cache", "get", "greeting").block(WAIT)).isEqualTo("hello");
        assertThat(skynet.call(".cache", "ttl", Long.class, "greeting").block(WAIT)).isBetween(3590L, 3600L);
        assertThat(redis.opsForValue().get(keys.value() + "greeting").block(WAIT)).isEqualTo("hello");

        assertThat(skynet.call(".cache", "del", "greeting").block(WAIT)).isEqualTo(1L);
        assertThat(skynet.call(".cache", "del", "greeting").block(WAIT)).isEqualTo(0L);
        assertThat(skynet.call(".cache", "get", "greeting").blockOptional(WAIT)).isEmpty();
    }

    @Test
    void incrCountsAndRefusesWhatIsNotANumber() {
        assertThat(skynet.call(".cache", "incr", "visits").block(WAIT)).isEqualTo(1L);
        assertThat(skynet.call(".cache", "incr", "visits").block(WAIT)).isEqualTo(2L);
        skynet.call(".cache", "set", "score", 41).block(WAIT);
        assertThat(skynet.call(".cache", "incr", "score").block(WAIT)).isEqualTo(42L);
        skynet.call(".cache", "set", "name", "alice").block(WAIT);
        assertThat(failure(skynet.call(".cache", "incr", "name")).reason())
                .startsWith("redis error: ").contains("not an integer");
    }

    @Test
    void tablesAreStoredAsJson() {
        Map<String, Object> player = Map.of("hp", 100, "bag", List.of("sword", "shield"), "online", true);
        skynet.call(".cache", "set", "player:1", player, 60).block(WAIT);
        String stored = skynet.call(".cache", "get", String.class, "player:1").block(WAIT);
        assertThat(json.readValue(stored, Map.class)).isEqualTo(player);
    }

    @Test
    void mgetKeepsOrderWithNilForMissingKeys() {
        skynet.call(".cache", "set", "a", "1").block(WAIT);
        skynet.call(".cache", "set", "b", "2").block(WAIT);
        assertThat(skynet.call(".cache", "mget", "a", "missing", "b").block(WAIT))
                .isEqualTo(Arrays.asList("1", null, "2"));
        assertThat(skynet.call(".cache", "del", "a", "b", "missing").block(WAIT)).isEqualTo(2L);
    }

    @Test
    void expireAndTtlFollowRedis() {
        skynet.call(".cache", "set", "session", "token", 100).block(WAIT);
        assertThat(skynet.call(".cache", "ttl", Long.class, "session").block(WAIT)).isBetween(90L, 100L);
        assertThat(skynet.call(".cache", "expire", "session", 5).block(WAIT)).isEqualTo(true);
        assertThat(skynet.call(".cache", "ttl", Long.class, "session").block(WAIT)).isBetween(1L, 5L);
        assertThat(skynet.call(".cache", "expire", "missing", 5).block(WAIT)).isEqualTo(false);
        assertThat(skynet.call(".cache", "ttl", "missing").block(WAIT)).isEqualTo(-2L);
        skynet.call(".cache", "incr", "forever").block(WAIT);
        assertThat(skynet.call(".cache", "ttl", "forever").block(WAIT)).isEqualTo(-1L);
    }

    @Test
    void refusalsSayWhatIsWrong() {
        assertThat(failure(skynet.call(".cache", "set", "big", "x".repeat(2000))).reason())
                .isEqualTo("value too large: 2000 bytes, at most 1024 (cache.max-value-bytes)");
        assertThat(failure(skynet.call(".cache", "set", "k", "v", 0)).reason())
                .startsWith("expire must be a positive number of seconds");
        assertThat(skynet.call(".cache", "get", "big").blockOptional(WAIT)).isEmpty();
    }

    @Test
    void statsCountHitsAndMisses() {
        @SuppressWarnings("unchecked")
        Map<String, Long> before = skynet.call(".cache", "stats", Map.class).block(WAIT);
        skynet.call(".cache", "set", "hit", "x").block(WAIT);
        skynet.call(".cache", "get", "hit").block(WAIT);
        skynet.call(".cache", "get", "nothing").blockOptional(WAIT);
        @SuppressWarnings("unchecked")
        Map<String, Long> after = skynet.call(".cache", "stats", Map.class).block(WAIT);
        assertThat(after.get("hits") - before.get("hits")).isEqualTo(1);
        assertThat(after.get("misses") - before.get("misses")).isEqualTo(1);
    }

    @Test
    void actuatorShowsRedisMetricsAndTheNode() {
        web.get().uri("/actuator/health").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.components.redis.status").isEqualTo("UP");
        web.get().uri("/actuator/metrics").exchange().expectStatus().isOk();
        web.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("jvm_memory_used_bytes"));
        web.get().uri("/actuator/skynet").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains("cache"));
    }
}
