package io.skynetspring.samples.dbproxy;

import io.skynetspring.core.message.ServiceException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * What a caller of {@code db_proxy} reads when the database fails: "unavailable: ..." for anything
 * that goes away once the server is back (so callers may retry), the database's own words otherwise.
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
                    + "); db_proxy does not retry, so retry once /actuator/health shows db UP", e);
        }
        return new ServiceException("database error: " + rootMessage(e), e);
    }

    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof TransientDataAccessException
                    || t instanceof RecoverableDataAccessException || t instanceof QueryTimeoutException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof SQLNonTransientConnectionException) {
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
