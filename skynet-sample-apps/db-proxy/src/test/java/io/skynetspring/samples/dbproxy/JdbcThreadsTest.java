package io.skynetspring.samples.dbproxy;

import com.zaxxer.hikari.HikariDataSource;
import io.skynetspring.core.Skynet;
import io.skynetspring.samples.dbproxy.player.Player;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.scheduler.Scheduler;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.skynetspring.samples.testsupport.Calls.WAIT;
import static io.skynetspring.samples.testsupport.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

/** JDBC runs on one thread per pooled connection, and a full queue refuses at once. */
@SpringBootTest(properties = {
        "spring.main.keep-alive=false",
        "spring.datasource.hikari.maximum-pool-size=3",
        "db-proxy.max-queued=2",
})
class JdbcThreadsTest {

    @Autowired
    Skynet skynet;

    @Autowired
    Scheduler jdbcScheduler;

    @Autowired
    HikariDataSource dataSource;

    @Test
    void oneThreadPerConnectionAndABusyQueueRefusesAtOnce() throws InterruptedException {
        assertThat(dataSource.getMaximumPoolSize()).isEqualTo(3);
        skynet.call(".db_proxy", "create_player", Map.of("id", 7001, "name", "kept")).block(WAIT);

        // hold every JDBC thread, then fill the queue behind them
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(3);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 3; i++) {
            jdbcScheduler.schedule(() -> {
                threads.add(Thread.currentThread().getName());
                holding.countDown();
                await(release);
            });
        }
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(threads).hasSize(3).allMatch(n -> n.startsWith("db-proxy-jdbc-"));
        try {
            var queued = skynet.call(".db_proxy", "get_player", Player.class, 7001).toFuture();
            var queued2 = skynet.call(".db_proxy", "get_player", Player.class, 7001).toFuture();

            assertThat(failure(skynet.call(".db_proxy", "get_player", 7001)).reason())
                    .contains("db_proxy busy").contains("db-proxy.max-queued");

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

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
