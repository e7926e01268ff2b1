package io.skynetspring.samples.dbproxy;

import com.zaxxer.hikari.HikariDataSource;
import io.skynetspring.core.Skynet;
import io.skynetspring.samples.dbproxy.player.Player;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.skynetspring.core.message.ServiceException;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * JDBC runs on one thread per pooled connection; a full queue refuses at once, and a command that
 * waited too long for a thread is answered "unavailable" without running (the clock is the test's).
 */
@SpringBootTest(properties = {
        "spring.main.keep-alive=false",
        "spring.datasource.hikari.maximum-pool-size=3",
        "db-proxy.max-queued=2",
        "db-proxy.max-queue-wait=1s",
})
class JdbcThreadsTest {

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
    JdbcThreads threads;

    @Autowired
    MeterRegistry meters;

    private double incidents(String kind) {
        var counter = meters.find("skynet.incidents").tag("kind", kind).functionCounter();
        return counter == null ? 0 : counter.count();
    }

    @Autowired
    HikariDataSource dataSource;

    @Test
    void oneThreadPerConnectionAndABusyQueueRefusesAtOnce() throws InterruptedException {
        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(3);
        skynet.call(".db_proxy", "create_player", Map.of("id", 7001, "name", "kept")).block(WAIT);

        // hold every JDBC thread, then fill the queue behind them
        CountDownLatch release = new CountDownLatch(1);
        Set<String> names = holdEveryThread(release);
        assertThat(names).hasSize(3).allMatch(n -> n.startsWith("db-proxy-jdbc-"));
        try {
            var queued = skynet.call(".db_proxy", "get_player", Player.class, 7001).toFuture();
            var queued2 = skynet.call(".db_proxy", "get_player", Player.class, 7001).toFuture();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads.waiting() == 2);

            assertThat(failure(skynet.call(".db_proxy", "get_player", 7001)).reason())
                    .startsWith("unavailable: db_proxy busy: 2 commands already wait for a JDBC thread")
                    .contains("db-proxy.max-queued").contains("not run");
            assertThat(incidents("db.shed.busy")).isEqualTo(1);

            release.countDown();
            // what was accepted still runs once the threads are free
            assertThat(queued.get(10, TimeUnit.SECONDS).data()).containsEntry("name", "kept");
            assertThat(queued2.get(10, TimeUnit.SECONDS).data()).containsEntry("name", "kept");
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            release.countDown();
        }
        assertThat(skynet.call(".db_proxy", "get_player", Player.class, 7001).block(WAIT).id()).isEqualTo(7001);
    }

    @Test
    void aCommandThatWaitedPastMaxQueueWaitIsAnsweredUnavailableWithoutRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        holdEveryThread(release);
        var create = skynet.call(".db_proxy", "create_player", Map.of("id", 7002, "name", "late"), "late-7002").toFuture();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads.waiting() == 1);
            clock.advance(Duration.ofMillis(1500));
        } finally {
            release.countDown();
        }
        try {
            create.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected the late create to be refused");
        } catch (java.util.concurrent.ExecutionException e) {
            assertThat(((ServiceException) e.getCause()).reason()).isEqualTo("unavailable: waited 1500 ms for a JDBC"
                    + " thread, over db-proxy.max-queue-wait (1000 ms); not run, retry later");
        }
        assertThat(incidents("db.shed.waited")).isEqualTo(1);
        // not run: no player, and its retry with the same key creates it
        assertThat(skynet.call(".db_proxy", "get_player", 7002).blockOptional(WAIT)).isEmpty();
        assertThat(skynet.call(".db_proxy", "create_player", Player.class, Map.of("id", 7002, "name", "late"), "late-7002")
                .block(WAIT).id()).isEqualTo(7002);
    }

    /**
     * Parks a task on each of the 3 JDBC threads until {@code release}; replies the threads' names.
     * One at a time: once the threads exist, every task passes through the 2-slot queue.
     */
    private Set<String> holdEveryThread(CountDownLatch release) throws InterruptedException {
        Set<String> names = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 3; i++) {
            CountDownLatch holding = new CountDownLatch(1);
            threads.scheduler().schedule(() -> {
                names.add(Thread.currentThread().getName());
                holding.countDown();
                await(release);
            });
            assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        }
        return names;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
