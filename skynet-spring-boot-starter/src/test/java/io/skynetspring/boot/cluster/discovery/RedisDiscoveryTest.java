package io.skynetspring.boot.cluster.discovery;

import io.skynetspring.boot.cluster.Greeter;
import io.skynetspring.boot.cluster.Ledger;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.samples.testsupport.TcpRelay;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Discovery through the real Redis: nodes announce themselves with a short TTL and find each other,
 * a stopped node withdraws, a vanished one goes when its TTL runs out, and an outage of Redis leaves
 * the table as it was, with one warning, until Redis is back.
 */
@NeedsRedis
@ExtendWith(OutputCaptureExtension.class)
class RedisDiscoveryTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** Keys of this run only: other builds may share the Redis. */
    private final String prefix = "skynet:test:" + UUID.randomUUID() + ":";

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Greeter.class, Ledger.class})
    static class App {
    }

    private ConfigurableApplicationContext node(String name, int redisPort, String... more) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
                .properties(
                        "skynet.workers=2",
                        "skynet.cluster.name=" + name,
                        "skynet.cluster.port=0",
                        "skynet.bootstrap[0].name=greeter",
                        "spring.data.redis.host=" + NeedsRedis.HOST,
                        "spring.data.redis.port=" + redisPort,
                        "spring.data.redis.timeout=1s",
                        "skynet.cluster.discovery.redis.enabled=true",
                        "skynet.cluster.discovery.redis.key-prefix=" + prefix,
                        "skynet.cluster.discovery.redis.ttl=900ms",
                        "skynet.cluster.discovery.redis.interval=100ms")
                .properties(more)
                .run();
    }

    private static Cluster cluster(ConfigurableApplicationContext node) {
        return node.getBean(Cluster.class);
    }

    @Test
    void aNodeAppearsInTheOthersTableWhenItStartsAndGoesWhenItStops() {
        try (ConfigurableApplicationContext a = node("a", NeedsRedis.PORT)) {
            StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
            String bAt;
            try (ConfigurableApplicationContext b = node("b", NeedsRedis.PORT)) {
                bAt = "127.0.0.1:" + cluster(b).listening().getPort();
                await().atMost(WAIT).until(() -> bAt.equals(redis.opsForValue().get(prefix + "b")));
                await().atMost(WAIT).until(() -> bAt.equals(cluster(a).nodes().get("b")));
                assertThat(cluster(a).nodes()).as("a finds itself too")
                        .containsEntry("a", "127.0.0.1:" + cluster(a).listening().getPort());
                Object hello = cluster(a).call("b", "@greeter", "hello", "a").block(WAIT);
                assertThat((String) hello).startsWith("hello a from ");
                await().atMost(WAIT).until(() -> cluster(b).nodes().containsKey("a"));
            }
            assertThat(redis.hasKey(prefix + "b")).as("b withdrew its key as it stopped").isFalse();
            await().atMost(WAIT).until(() -> !cluster(a).nodes().containsKey("b"));
        }
    }

    @Test
    void aNodeThatVanishedGoesWhenItsTtlRunsOutAndJunkIsLeftOut(CapturedOutput output) {
        try (ConfigurableApplicationContext a = node("a", NeedsRedis.PORT)) {
            StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
            SkynetRuntime runtime = a.getBean(SkynetRuntime.class);
            redis.opsForValue().set(prefix + "junk", "not an address", Duration.ofSeconds(30));
            // what a crashed node leaves: its last announcement, with nobody refreshing it
            redis.opsForValue().set(prefix + "ghost", "127.0.0.1:9", Duration.ofMillis(900));
            await().atMost(WAIT).until(() -> "127.0.0.1:9".equals(cluster(a).nodes().get("ghost")));
            await().atMost(WAIT).until(() -> !cluster(a).nodes().containsKey("ghost"));
            assertThat(cluster(a).nodes()).doesNotContainKey("junk");
            await().atMost(WAIT).until(() -> runtime.incidents().count("cluster.discovery.bad-entry") >= 3);
            assertThat(output.getOut().split("junk holds \"not an address\"", -1)).as("one warning per junk key")
                    .hasSize(2);
            redis.delete(prefix + "junk");
        }
    }

    @Test
    void whileRedisIsDownTheTableStaysAndOneWarningIsLoggedUntilItIsBack(CapturedOutput output) {
        try (TcpRelay relay = TcpRelay.to(NeedsRedis.HOST, NeedsRedis.PORT);
             ConfigurableApplicationContext a = node("a", NeedsRedis.PORT);
             ConfigurableApplicationContext c = node("c", relay.port())) {
            StringRedisTemplate redis = a.getBean(StringRedisTemplate.class);
            SkynetRuntime runtime = c.getBean(SkynetRuntime.class);
            await().atMost(WAIT).until(() -> cluster(c).nodes().keySet().containsAll(Set.of("a", "c")));
            Map<String, String> before = cluster(c).nodes();

            relay.close();
            await().atMost(WAIT).until(() -> runtime.incidents().count("cluster.discovery.read") >= 3);
            assertThat(cluster(c).nodes()).as("the table c had").isEqualTo(before);
            assertThat(output.getOut().split("reading " + prefix + "\\* failed", -1)).as("one warning per outage")
                    .hasSize(2);

            redis.opsForValue().set(prefix + "late", "127.0.0.1:9", Duration.ofSeconds(30));
            relay.open();
            // Lettuce reconnects with a growing back-off: seconds after an outage of seconds
            await().atMost(Duration.ofSeconds(30)).until(() -> cluster(c).nodes().containsKey("late"));
            assertThat(output.getOut()).contains("reading " + prefix + "* works again after");
            redis.delete(prefix + "late");
        }
    }
}
