package io.skynetspring.samples.dbproxy;

import io.skynetspring.core.message.ServiceException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;

/**
 * What a caller of {@code db_proxy} reads when the database fails: "unavailable: ..." for anything
 * that goes away once the server is back (so callers may retry; a write with the same request key),
 * the database's own words otherwise.
 *
 * <pre>{@code ctx.blocking(work).onErrorMap(Failures::describe)}</pre>
 */
final class Failures {

    static final String UNAVAILABLE = "unavailable";

    private Failures() {
    }

    static Throwable describe(Throwable e) {
        if (e instanceof ServiceException) {
            return e;
        }
        if (isOutage(e)) {
            return new ServiceException(UNAVAILABLE + ": the database cannot be reached (" + rootMessage(e)
                    + "); a write may or may not have been applied: retry it with the same request key once"
                    + " /actuator/health shows db UP", e);
        }
        return new ServiceException("database error: " + rootMessage(e), e);
    }

    /**
     * Whether {@code e} says the connection to the database is gone or could not be made, rather
     * than that a statement failed on a live connection (a lock wait, a deadlock): only then is
     * the database taken for down.
     */
    static boolean isConnectionLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof RecoverableDataAccessException
                    || t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || t instanceof java.net.SocketException
                    || t instanceof java.net.SocketTimeoutException || isConnectionState(t)) {
                return true;
            }
        }
        return false;
    }

    /** SQLSTATE class 08, "connection exception", on an SQLException of no more telling subclass. */
    private static boolean isConnectionState(Throwable t) {
        return t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08");
    }

    /** The first line of the deepest cause: what the driver or pool said. */
    static String why(Throwable e) {
        return rootMessage(e);
    }

    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException || t instanceof QueryTimeoutException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException || isConnectionState(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
