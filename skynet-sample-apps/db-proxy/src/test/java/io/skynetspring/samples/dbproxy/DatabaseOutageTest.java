package io.skynetspring.samples.dbproxy;

import io.micrometer.core.instrument.MeterRegistry;
import io.skynetspring.samples.testsupport.TcpRelay;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.message.CallTimeoutException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.samples.dbproxy.player.Player;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database going away and coming back, for real: the app talks to MariaDB through a relay the
 * test closes, reopens and mutes. The steps build on each other, so they run in order.
 */
@NeedsMariaDb
@ActiveProfiles("mysql")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.keep-alive=false",
        "skynet.call-timeout=5s",
        "spring.datasource.hikari.connection-timeout=1000",
        // long enough that the second call of step 1 surely comes before the first probe
        "db-proxy.probe-interval=5s",
})
@AutoConfigureWebTestClient
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    static TestSchema schema;
    static TcpRelay relay;

    @Autowired
    Skynet skynet;

    @Autowired
    WebTestClient web;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        schema = TestSchema.create("outage");
        relay = TcpRelay.to(Servers.DB_HOST, Servers.DB_PORT);
        relay.close();
        registry.add("SKYNET_DB_HOST", () -> "127.0.0.1");
        registry.add("SKYNET_DB_PORT", relay::port);
        registry.add("SKYNET_DB_NAME", schema::name);
    }

    @AfterAll
    static void cleanUp() {
        if (relay != null) {
            relay.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    @Order(1)
    void startsWithTheDatabaseDownAndSaysUnavailable() {
        long start = System.nanoTime();
        ServiceException e = failure(skynet.call(".db_proxy", "get_player", 1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_TIMEOUT);
        assertThat(e.reason()).startsWith("unavailable: the database cannot be reached");
        assertThat(e.service()).isEqualTo(".db_proxy");
        assertThat(e.command()).isEqualTo("get_player");

        // known down now: the next command is shed at once, not run
        ServiceException shed = failure(skynet.call(".db_proxy", "save_player", 1, Map.of("name", "never")));
        assertThat(shed.reason()).startsWith("unavailable: the database is down (").contains("not run");
        assertThat(meters.get("skynet.incidents").tag("kind", "db.shed.down").functionCounter().count()).isEqualTo(1);

        web.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.components.db.status").isEqualTo("DOWN");
    }

    @Test
    @Order(2)
    void comesBackByItselfAndMigratesThen() {
        relay.open();
        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() ->
                assertThat(skynet.call(".db_proxy", "get_player", 1).blockOptional(WAIT)).isEmpty());
        skynet.call(".db_proxy", "create_player", Map.of("id", 1, "name", "survivor")).block(WAIT);
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    @Order(3)
    void goingDownDuringTrafficGivesErrorsNotHangsAndRecovers() {
        AtomicInteger failed = new AtomicInteger();
        Flux<Object> traffic = Flux.range(0, 10_000)
                .flatMap(i -> skynet.call(".db_proxy", "get_player", 1)
                        .map(Object.class::cast)
                        .onErrorResume(ServiceException.class, Mono::just), 16);
        List<Object> outcomes = traffic
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(o -> {
                    if (o instanceof Player) {
                        relay.close();
                    } else {
                        failed.incrementAndGet();
                    }
                })
                .takeUntil(o -> failed.get() >= 32)
                .collectList()
                .block(Duration.ofSeconds(60));
        List<String> errors = outcomes.stream().filter(ServiceException.class::isInstance)
                .map(e -> ((ServiceException) e).reason()).toList();
        assertThat(errors).isNotEmpty().allMatch(r -> r.startsWith("unavailable:"), "every failure says unavailable");

        relay.open();
        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() ->
                assertThat(skynet.call(".db_proxy", "get_player", Player.class, 1).block(WAIT).data())
                        .containsEntry("name", "survivor"));
    }

    @Test
    @Order(4)
    void aWriteWhoseReplyIsLostIsNotWrittenTwice() {
        relay.mute(true);
        long start = System.nanoTime();
        ServiceException e = failure(skynet.call(".db_proxy", "save_player", 1, Map.of("name", "saved once")));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_TIMEOUT);
        assertThat(e.reason()).startsWith("unavailable:");
        relay.mute(false);

        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> {
            Player p = skynet.call(".db_proxy", "get_player", Player.class, 1).block(WAIT);
            assertThat(p.data()).containsEntry("name", "saved once");
            assertThat(p.version()).isEqualTo(1);
        });
    }

    @Test
    @Order(5)
    void aKeyedWriteWhoseReplyIsLostIsAppliedOnceHoweverOftenItIsRetried() {
        Map<String, Object> data = Map.of("name", "saved with a key");
        relay.mute(true);
        long start = System.nanoTime();
        ServiceException e = failure(skynet.call(".db_proxy", "save_player", 1, data, "mute-save-1"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_TIMEOUT);
        assertThat(e).isNotInstanceOf(CallTimeoutException.class);
        assertThat(e.reason()).startsWith("unavailable:");
        relay.mute(false);

        // the caller retries the same write with the same key until it is answered
        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() ->
                assertThat(skynet.call(".db_proxy", "save_player", 1, data, "mute-save-1").block(WAIT)).isEqualTo(1));
        assertThat(skynet.call(".db_proxy", "save_player", 1, data, "mute-save-1").block(WAIT)).isEqualTo(1);
        Player p = skynet.call(".db_proxy", "get_player", Player.class, 1).block(WAIT);
        assertThat(p.data()).isEqualTo(data);
        assertThat(p.version()).as("one bump for the one write, whatever became of its first attempt").isEqualTo(2);
    }
}
