package io.skynetspring.samples.dbproxy.schema;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.stereotype.Component;

/**
 * Runs the Flyway migrations at start when the database answers, otherwise on the first command
 * that reaches it: Boot's default would fail the whole start, and a db_proxy that is down with
 * its database should still start, say "unavailable" and come back by itself.
 *
 * <pre>{@code ctx.blocking(() -> { migrations.ensure(); return store.find(id); })}</pre>
 */
@Component
public class Migrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(Migrations.class);

    private volatile Flyway flyway;
    private volatile boolean done;

    @Override
    public void migrate(Flyway flyway) {
        this.flyway = flyway;
        try {
            ensure();
        } catch (RuntimeException e) {
            log.warn("database unreachable at start, migrations will run once it answers: {}", e.getMessage());
        }
    }

    /** Migrates unless done already; blocking, so only from {@code ctx.blocking}. Throws while the database is down. */
    public void ensure() {
        if (done) {
            return;
        }
        synchronized (this) {
            if (!done) {
                if (flyway == null) {
                    throw new IllegalStateException("Flyway is not configured: is spring.flyway.enabled false?");
                }
                flyway.migrate();
                done = true;
            }
        }
    }

    public boolean isDone() {
        return done;
    }
}
