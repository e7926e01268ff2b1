package io.skynetspring.boot.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.skynetspring.core.SkynetRuntime;
import io.skynetspring.core.cluster.Cluster;
import io.skynetspring.core.cluster.ClusterException;
import io.skynetspring.core.service.Address;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Two Spring Boot nodes in one JVM on ephemeral ports: B is given A's address, A learns B's through
 * the Actuator reload; services are called across by the cluster names the annotation and the
 * property gave them, and the endpoint, health and meters show the links.
 */
class ClusterNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({Greeter.class, Ledger.class})
    static class App {
    }

    static ConfigurableApplicationContext a;
    static ConfigurableApplicationContext b;

    @BeforeAll
    static void startTwoNodes() {
        a = node("a", "skynet.cluster.register.ledger=ledger", "skynet.actuator.cluster-reload-enabled=true");
        int aPort = cluster(a).listening().getPort();
        b = node("b", "skynet.cluster.register.ledger=books", "skynet.cluster.nodes.a=127.0.0.1:" + aPort);
    }

    @AfterAll
    static void stopNodes() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static ConfigurableApplicationContext node(String name, String... more) {
        return new SpringApplicationBuilder(App.class).properties(
                        "skynet.workers=2",
                        "server.port=0",
                        "skynet.cluster.name=" + name,
                        "skynet.cluster.port=0",
                        "skynet.bootstrap[0].name=greeter",
                        "skynet.bootstrap[1].name=ledger",
                        "management.endpoints.web.exposure.include=skynet,health",
                        "management.endpoint.health.show-details=always")
                .properties(more)
                .run();
    }

    private static Cluster cluster(ConfigurableApplicationContext node) {
        return node.getBean(Cluster.class);
    }

    private static WebTestClient http(ConfigurableApplicationContext node) {
        return WebTestClient.bindToServer().responseTimeout(WAIT)
                .baseUrl("http://127.0.0.1:" + node.getEnvironment().getProperty("local.server.port")).build();
    }

    @Test
    void aNodeCallsTheOthersServicesByTheNamesTheAnnotationAndThePropertyGave() {
        Address greeterOnA = cluster(a).registered().get("greeter");
        assertThat(greeterOnA).as("@SkynetService(clusterName)").isNotNull();
        assertThat(cluster(a).registered()).containsKey("ledger");
        assertThat(cluster(b).registered()).containsKeys("greeter", "books").doesNotContainKey("ledger");

        assertThat(cluster(b).call("a", "@greeter", "hello", "b").block(WAIT))
                .isEqualTo("hello b from " + greeterOnA);
        long before = (Long) cluster(b).call("a", "@ledger", "add", 0L).block(WAIT);
        assertThat(cluster(b).call("a", "@ledger", "add", 5L).block(WAIT)).isEqualTo(before + 5);
    }

    @Test
    void theActuatorReloadGivesANodeTheOthersAddressAndSaysWhatItRefuses() {
        int bPort = cluster(b).listening().getPort();
        http(a).post().uri("/actuator/skynet").bodyValue(Map.of("nodes", "b=127.0.0.1:" + bPort))
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.nodes.b").isEqualTo("127.0.0.1:" + bPort);
        assertThat(cluster(a).nodes()).containsEntry("b", "127.0.0.1:" + bPort);
        assertThat(cluster(a).call("b", "@books", "add", 7L).block(WAIT)).isEqualTo(7L);

        http(a).post().uri("/actuator/skynet").bodyValue(Map.of("nodes", "b=nowhere"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e)
                        .contains("b=\"nowhere\"").contains("host:port or false"));
        assertThat(cluster(a).nodes()).as("a refused table changes nothing").containsEntry("b", "127.0.0.1:" + bPort);

        http(a).post().uri("/actuator/skynet").bodyValue(Map.of("table", "b=127.0.0.1:1"))
                .exchange()
                .expectStatus().isBadRequest()
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e).contains("{\"nodes\""));

        http(b).post().uri("/actuator/skynet").bodyValue(Map.of("nodes", ""))
                .exchange()
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.error").value(e -> assertThat((String) e)
                        .contains("skynet.actuator.cluster-reload-enabled=true"));
        assertThat(cluster(b).nodes()).as("b kept its table").containsKey("a");
    }

    @Test
    void theEndpointHealthAndMetersShowTheLink() {
        MeterRegistry meters = b.getBean(MeterRegistry.class);
        cluster(b).call("a", "@greeter", "hello", "meters").block(WAIT);
        await().atMost(WAIT).until(() -> meters.find("skynet.cluster.calls").tags("node", "a", "direction", "out")
                .functionCounter() != null);
        double calls = meters.get("skynet.cluster.calls").tags("node", "a", "direction", "out").functionCounter().count();
        for (int i = 0; i < 3; i++) {
            cluster(b).call("a", "@greeter", "hello", "meters").block(WAIT);
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(meters.get("skynet.cluster.calls")
                .tags("node", "a", "direction", "out").functionCounter().count()).isEqualTo(calls + 3));
        assertThat(meters.get("skynet.cluster.latency").tags("node", "a", "direction", "out").functionTimer().count())
                .isGreaterThanOrEqualTo(calls + 3);
        assertThat(meters.get("skynet.cluster.bytes").tags("node", "a", "direction", "out", "way", "out")
                .functionCounter().count()).isPositive();
        assertThat(meters.get("skynet.cluster.in.flight").tags("node", "a", "direction", "out").gauge().value())
                .isZero();
        MeterRegistry aMeters = a.getBean(MeterRegistry.class);
        await().atMost(WAIT).untilAsserted(() -> assertThat(aMeters.get("skynet.cluster.calls")
                .tags("node", "127.0.0.1", "direction", "in").functionCounter().count()).isGreaterThanOrEqualTo(4));

        String aAt = "127.0.0.1:" + cluster(a).listening().getPort();
        http(b).get().uri("/actuator/skynet").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cluster.name").isEqualTo("b")
                .jsonPath("$.cluster.nodes.a").isEqualTo(aAt)
                .jsonPath("$.cluster.registered.books").exists()
                .jsonPath("$.cluster.links[?(@.node == 'a')].direction").isEqualTo(List.of("out"))
                .jsonPath("$.cluster.links[?(@.node == 'a')].state").isEqualTo(List.of("up"))
                .jsonPath("$.cluster.links[?(@.node == 'a')].calls").value(v -> assertThat((List<?>) v)
                        .singleElement().satisfies(n -> assertThat(((Number) n).longValue())
                                .isGreaterThanOrEqualTo(4)));
        http(a).get().uri("/actuator/skynet").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.cluster.listening").isEqualTo(aAt)
                .jsonPath("$.cluster.registered.greeter").exists()
                .jsonPath("$.cluster.registered.ledger").exists()
                .jsonPath("$.cluster.links[?(@.direction == 'in')].state").value(v -> assertThat((List<Object>) v)
                        .contains("up"));
        http(a).get().uri("/actuator/health/skynet").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.status").isEqualTo("UP")
                .jsonPath("$.details.cluster.listening").isEqualTo(aAt)
                .jsonPath("$.details.cluster.links").value(n -> assertThat(((Number) n).intValue()).isPositive());
    }

    @Test
    void onlyTheFirstInstanceTakesTheNameAndItsExitGivesItUp() {
        SkynetRuntime runtime = a.getBean(SkynetRuntime.class);
        Address first = cluster(a).registered().get("greeter");
        Address second = runtime.newService("greeter").block(WAIT);
        assertThat(cluster(a).registered().get("greeter")).as("a later instance leaves the name").isEqualTo(first);

        runtime.send(first, "quit");
        await().atMost(WAIT).until(() -> !cluster(a).registered().containsKey("greeter"));
        assertThatThrownBy(() -> cluster(b).call("a", "@greeter", "hello", "b").block(WAIT))
                .isInstanceOf(ClusterException.class).hasMessageContaining("Invalid name");

        Address third = runtime.newService("greeter").block(WAIT);
        assertThat(cluster(a).registered().get("greeter")).as("the name is free again: the next instance takes it")
                .isEqualTo(third);
        assertThat(cluster(b).call("a", "@greeter", "hello", "b").block(WAIT)).isEqualTo("hello b from " + third);
        runtime.kill(second);
    }
}
