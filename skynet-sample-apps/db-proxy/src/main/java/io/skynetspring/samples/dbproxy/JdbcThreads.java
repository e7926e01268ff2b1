package io.skynetspring.samples.dbproxy;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import javax.sql.DataSource;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads {@code db_proxy} runs JDBC on: exactly as many as the Hikari pool has connections, so
 * a thread never waits for a connection and every connection stays with its thread. Work beyond
 * {@code db-proxy.max-queued} waiting commands is refused at once rather than queued past the call
 * timeout.
 */
@Configuration(proxyBeanMethods = false)
class JdbcThreads {

    @Bean(destroyMethod = "dispose")
    Scheduler jdbcScheduler(DataSource dataSource, DbProxyProperties properties) {
        int threads = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "db-proxy-jdbc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(properties.getMaxQueued()), factory, (task, pool) -> {
                    throw new RejectedExecutionException("db_proxy busy: " + properties.getMaxQueued()
                            + " commands already wait for a JDBC thread (db-proxy.max-queued)");
                });
        return Schedulers.fromExecutorService(executor, "db-proxy-jdbc");
    }
}
