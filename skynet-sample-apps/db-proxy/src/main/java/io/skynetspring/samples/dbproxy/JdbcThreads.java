package io.skynetspring.samples.dbproxy;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
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
 * a thread never waits for a connection and every connection stays with its thread, behind a queue
 * of {@code db-proxy.max-queued} commands. {@link DatabaseGate} reads how full the queue is and sheds
 * commands before it fills; the queue's own refusal is only the backstop.
 *
 * <pre>{@code ctx.blocking(jdbcThreads.scheduler(), () -> store.find(id))}</pre>
 */
@Component
class JdbcThreads implements DisposableBean {

    private final ThreadPoolExecutor executor;
    private final Scheduler scheduler;
    private final int capacity;

    JdbcThreads(DataSource dataSource, DbProxyProperties properties) {
        int threads = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize() : 10;
        this.capacity = properties.getMaxQueued();
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "db-proxy-jdbc-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(capacity), factory, (task, pool) -> {
                    throw new RejectedExecutionException("unavailable: db_proxy busy: " + capacity
                            + " commands already wait for a JDBC thread (db-proxy.max-queued)");
                });
        this.scheduler = Schedulers.fromExecutorService(executor, "db-proxy-jdbc");
    }

    Scheduler scheduler() {
        return scheduler;
    }

    /** Commands waiting for a thread now. */
    int waiting() {
        return executor.getQueue().size();
    }

    /** Most commands that may wait: {@code db-proxy.max-queued}. */
    int capacity() {
        return capacity;
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
