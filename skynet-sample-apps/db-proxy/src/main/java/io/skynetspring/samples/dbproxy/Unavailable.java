package io.skynetspring.samples.dbproxy;

import io.skynetspring.core.message.ServiceException;

/**
 * A command shed by {@link DatabaseGate} before it touched the database: the caller reads
 * "unavailable: ..." and knows the command was not run; {@code kind} is the incident it counts as.
 *
 * <pre>{@code throw new Unavailable("db.shed.down", "the database is down (...); not run, retry ...");}</pre>
 */
final class Unavailable extends ServiceException {

    private final String kind;

    Unavailable(String kind, String why) {
        super(Failures.UNAVAILABLE + ": " + why);
        this.kind = kind;
    }

    String kind() {
        return kind;
    }
}
