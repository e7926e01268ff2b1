package io.skynetspring.samples.cache;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.skynetspring.core.message.ServiceException;
import io.skynetspring.samples.cache.redis.RedisLink;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;

import java.io.IOException;

/**
 * What a caller of {@code cache} reads when Redis fails: "unavailable: ..." for a lost or silent
 * connection (which also tells {@link RedisLink} to reconnect), Redis's own words otherwise, e.g.
 * {@code incr} on a value that is not a number.
 *
 * <pre>{@code op.publishOn(ctx.scheduler()).onErrorMap(failures::describe)}</pre>
 */
final class Failures {

    static final String UNAVAILABLE = "unavailable";

    private final RedisLink link;

    Failures(RedisLink link) {
        this.link = link;
    }

    ServiceException refused() {
        return new ServiceException(UNAVAILABLE + ": " + link.describe());
    }

    Throwable describe(Throwable e) {
        if (e instanceof ServiceException) {
            return e;
        }
        if (isOutage(e)) {
            link.lost(e);
            return new ServiceException(UNAVAILABLE + ": redis did not answer (" + rootMessage(e)
                    + "); the cache does not retry, so retry once /actuator/health shows redis UP", e);
        }
        return new ServiceException("redis error: " + rootMessage(e), e);
    }

    private static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof QueryTimeoutException
                    || t instanceof RedisConnectionException || t instanceof IOException
                    || t instanceof RedisCommandTimeoutException) {
                return true;
            }
            if (t.getMessage() != null && (t.getMessage().contains("not connected")
                    || t.getMessage().contains("Connection closed") || t.getMessage().contains("Connection disconnected"))) {
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
