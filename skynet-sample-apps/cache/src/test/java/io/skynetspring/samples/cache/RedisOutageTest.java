package io.skynetspring.samples.cache;

import io.skynetspring.samples.testsupport.TcpRelay;
import io.skynetspring.core.Skynet;
import io.skynetspring.core.message.ServiceException;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away and coming back, for real: the app talks to Redis through a relay the test
 * closes, reopens and mutes. The steps build on each other, so they run in order.
 */
@NeedsRedis
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.main.keep-alive=false",
        "skynet.call-timeout=5s",
})
@AutoConfigureWebTestClient
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisOutageTest {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration RECOVERY = Duration.ofSeconds(30);

    static final KeyPrefix keys = KeyPrefix.fresh("outage");
    static TcpRelay relay;

    @Autowired
    Skynet skynet;

    @Autowired
    WebTestClient web;

    @DynamicPropertySource
    static void redis(DynamicPropertyRegistry registry) {
        relay = TcpRelay.to(Servers.REDIS_HOST, Servers.REDIS_PORT);
        relay.close();
        registry.add("SKYNET_REDIS_HOST", () -> "127.0.0.1");
        registry.add("SKYNET_REDIS_PORT", relay::port);
        registry.add("cache.key-prefix", keys::value);
    }

    @AfterAll
    static void cleanUp() {
        if (relay != null) {
            relay.close();
        }
        LettuceConnectionFactory direct = new LettuceConnectionFactory(Servers.REDIS_HOST, Servers.REDIS_PORT);
        direct.afterPropertiesSet();
        direct.start();
        try {
            keys.clean(new ReactiveStringRedisTemplate(direct));
        } finally {
            direct.destroy();
        }
    }

    @Test
    @Order(1)
    void startsWithRedisDownAndSaysUnavailable() {
        long start = System.nanoTime();
        ServiceException e = failure(skynet.call(".cache", "get", "anything"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_TIMEOUT);
        assertThat(e.reason()).startsWith("unavailable: redis cannot be reached");

        web.get().uri("/actuator/health").exchange()
                .expectStatus().isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectBody().jsonPath("$.components.redis.status").isEqualTo("DOWN");
    }

    @Test
    @Order(2)
    void comesBackByItself() {
        relay.open();
        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() ->
                assertThat(skynet.call(".cache", "set", "alive", "yes").block(WAIT)).isEqualTo("OK"));
        web.get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    @Order(3)
    void goingDownDuringTrafficGivesErrorsNotHangsAndRecovers() {
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        List<Object> outcomes = Flux.range(0, 100_000)
                .flatMap(i -> {
                    sent.incrementAndGet();
                    return skynet.call(".cache", "incr", "counter")
                            .map(Object.class::cast)
                            .onErrorResume(ServiceException.class, Mono::just);
                }, 16)
                .publishOn(Schedulers.boundedElastic())
                .doOnNext(o -> {
                    if (o instanceof ServiceException) {
                        failed.incrementAndGet();
                    } else if (ok.incrementAndGet() == 200) {
                        relay.close();
                    }
                })
                .takeUntil(o -> failed.get() >= 32)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(outcomes.stream().filter(ServiceException.class::isInstance)
                .map(e -> ((ServiceException) e).reason()).toList())
                .isNotEmpty().allMatch(r -> r.startsWith("unavailable:"), "every failure says unavailable");

        relay.open();
        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> {
            long counter = Long.parseLong(skynet.call(".cache", "get", String.class, "counter").block(WAIT));
            assertThat(counter).isBetween((long) ok.get(), (long) sent.get());
        });
    }

    @Test
    @Order(4)
    void anIncrWhoseReplyIsLostCountsOnce() {
        relay.mute(true);
        long start = System.nanoTime();
        ServiceException e = failure(skynet.call(".cache", "incr", "once"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(CALL_TIMEOUT);
        assertThat(e.reason()).startsWith("unavailable:");
        relay.mute(false);

        await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() ->
                assertThat(skynet.call(".cache", "get", "once").block(WAIT)).isEqualTo("1"));
    }
}
