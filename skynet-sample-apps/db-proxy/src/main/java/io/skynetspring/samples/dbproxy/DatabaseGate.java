package io.skynetspring.samples.dbproxy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.zaxxer.hikari.HikariDataSource;
import io.skynetspring.boot.SkynetProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Whether a command may go to the database now. A command is shed, answered "unavailable" without
 * touching the database, when the JDBC queue is full, when the database is known down (the last
 * command lost its connection; then one command per {@code db-proxy.probe-interval} goes through
 * to see whether it is back), or when it waited for a JDBC thread longer than
 * {@code db-proxy.max-queue-wait}. So during an outage callers hear "unavailable" at once instead
 * of queueing behind JDBC threads that each wait out Hikari's connection timeout, and a shed write
 * was certainly not applied.
 *
 * <pre>{@code Ticket t = gate.admit(); ... ctx.blocking(jdbc, () -> { gate.start(t); ... gate.reached(); })}</pre>
 */
@Component
class DatabaseGate {

    private static final Logger log = LoggerFactory.getLogger(DatabaseGate.class);
    private static final long UP = Long.MIN_VALUE;

    /** A command let in at {@code admittedAt} (ms on the gate's clock); a probe runs even while the database is down. */
    record Ticket(long admittedAt, boolean probe) {
    }

    private final JdbcThreads threads;
    private final Clock clock;
    private final long maxQueueWaitMs;
    private final long probeIntervalMs;
    private final AtomicLong downSince = new AtomicLong(UP);
    private final AtomicLong lastProbe = new AtomicLong();
    private volatile String downBecause = "";

    DatabaseGate(JdbcThreads threads, DbProxyProperties properties, ObjectProvider<Clock> clock,
                 DataSource dataSource, SkynetProperties skynet) {
        this.threads = threads;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.maxQueueWaitMs = properties.getMaxQueueWait().toMillis();
        this.probeIntervalMs = properties.getProbeInterval().toMillis();
        if (dataSource instanceof HikariDataSource hikari
                && maxQueueWaitMs + hikari.getConnectionTimeout() >= skynet.getCallTimeout().toMillis()) {
            log.warn("db_proxy: db-proxy.max-queue-wait ({} ms) + spring.datasource.hikari.connection-timeout ({} ms)"
                            + " reach skynet.call-timeout ({} ms): in an outage callers may time out instead of"
                            + " hearing \"unavailable\"; keep the sum, plus the driver's socket timeout, under it",
                    maxQueueWaitMs, hikari.getConnectionTimeout(), skynet.getCallTimeout().toMillis());
        }
    }

    /** On the service's thread, before the work is queued. @throws Unavailable when the command is shed */
    Ticket admit() {
        int waiting = threads.waiting();
        if (waiting >= threads.capacity()) {
            throw new Unavailable("db.shed.busy", "db_proxy busy: " + waiting
                    + " commands already wait for a JDBC thread (db-proxy.max-queued); not run, retry later");
        }
        long now = clock.millis();
        if (downSince.get() == UP) {
            return new Ticket(now, false);
        }
        long last = lastProbe.get();
        if (now - last >= probeIntervalMs && lastProbe.compareAndSet(last, now)) {
            return new Ticket(now, true);
        }
        throw down();
    }

    /** On the JDBC thread, before the work touches the database. @throws Unavailable when it is shed */
    void start(Ticket ticket) {
        long waited = clock.millis() - ticket.admittedAt();
        if (waited > maxQueueWaitMs) {
            throw new Unavailable("db.shed.waited", "waited " + waited + " ms for a JDBC thread, over"
                    + " db-proxy.max-queue-wait (" + maxQueueWaitMs + " ms); not run, retry later");
        }
        if (!ticket.probe() && downSince.get() != UP) {
            throw down();
        }
    }

    /** The database answered (with a result or its own error): it is up. */
    void reached() {
        long since = downSince.getAndSet(UP);
        if (since != UP) {
            log.info("db_proxy: the database answers again after {} ms down", clock.millis() - since);
        }
    }

    /** A command lost its connection: until a probe gets through, commands are shed. */
    void lost(String why) {
        downBecause = why;
        long now = clock.millis();
        lastProbe.set(now);
        if (downSince.compareAndSet(UP, now)) {
            log.warn("db_proxy: the database cannot be reached ({}); commands are answered \"unavailable\""
                    + " until a probe every {} ms gets through", why, probeIntervalMs);
        }
    }

    private Unavailable down() {
        return new Unavailable("db.shed.down", "the database is down (" + downBecause + "); not run, retry once"
                + " /actuator/health shows db UP");
    }
}
