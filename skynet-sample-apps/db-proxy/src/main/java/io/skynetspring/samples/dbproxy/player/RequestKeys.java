package io.skynetspring.samples.dbproxy.player;

import io.skynetspring.core.message.ServiceException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.function.LongSupplier;

/**
 * The {@code request_keys} table: one row per applied write that carried a request key, inserted in
 * the same transaction as the write. A retry with that key finds the row and answers from it
 * instead of writing again, so a write whose reply was lost (a timeout, "unavailable") is applied
 * once however often it is retried. Rows older than {@code db-proxy.request-key-ttl} are pruned.
 * Blocking: call it from {@code ctx.blocking(...)}.
 *
 * <pre>{@code long rows = requestKeys.once(new RequestKey("k-17", "save_player", 1001, digest), () -> update(...));}</pre>
 */
@Component
public class RequestKeys {

    /** Longest request key accepted, in characters (the column is VARCHAR(100)). */
    public static final int MAX_LENGTH = 100;

    /** A write's key as the caller chose it, what it does, and a digest of its arguments. */
    public record RequestKey(String key, String command, long playerId, String fingerprint) {
    }

    private final JdbcClient jdbc;
    private final PlatformTransactionManager transactions;
    private final Clock clock;

    public RequestKeys(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /**
     * Runs {@code write} and records its result under {@code key}, in one transaction; when the key
     * was applied before, returns that result and writes nothing.
     */
    public long once(RequestKey key, LongSupplier write) {
        try {
            return inTransaction(() -> {
                Long earlier = applied(key);
                if (earlier != null) {
                    return earlier;
                }
                long done = write.getAsLong();
                jdbc.sql("INSERT INTO request_keys (request_key, command, player_id, fingerprint, result, applied_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?)")
                        .params(key.key(), key.command(), key.playerId(), key.fingerprint(), done, now())
                        .update();
                return done;
            });
        } catch (DuplicateKeyException e) {
            // an attempt with the same key committed while this one ran (this one rolled back), or the write itself hit a taken id
            Long earlier = applied(key);
            if (earlier != null) {
                return earlier;
            }
            throw e;
        }
    }

    /**
     * Runs {@code work} in a transaction. Unlike {@code TransactionTemplate}, a failed rollback does
     * not replace the work's own error: after a broken socket Hikari has closed the connection, the
     * rollback fails with a bare "Connection is closed", and the caller must still read that the
     * database could not be reached. A failed commit leaves the write's fate unknown, and says so.
     */
    private long inTransaction(LongSupplier work) {
        TransactionStatus status = transactions.getTransaction(TransactionDefinition.withDefaults());
        long result;
        try {
            result = work.getAsLong();
        } catch (RuntimeException | Error e) {
            try {
                transactions.rollback(status);
            } catch (RuntimeException rollback) {
                e.addSuppressed(rollback);
            }
            throw e;
        }
        try {
            transactions.commit(status);
        } catch (RuntimeException e) {
            throw new RecoverableDataAccessException("the commit did not complete, so the write may or may not"
                    + " have been applied: " + e.getMessage(), e);
        }
        return result;
    }

    /** Deletes the keys applied before {@code before}; replies how many. */
    public int prune(Instant before) {
        return jdbc.sql("DELETE FROM request_keys WHERE applied_at < ?")
                .param(LocalDateTime.ofInstant(before, ZoneOffset.UTC))
                .update();
    }

    private Long applied(RequestKey key) {
        return jdbc.sql("SELECT command, player_id, fingerprint, result FROM request_keys WHERE request_key = ?")
                .param(key.key())
                .query((rs, n) -> {
                    String command = rs.getString("command");
                    long player = rs.getLong("player_id");
                    if (!command.equals(key.command()) || player != key.playerId()
                            || !rs.getString("fingerprint").equals(key.fingerprint())) {
                        throw new ServiceException("request key \"" + key.key() + "\" was used by an earlier " + command
                                + " of player " + player + " with other arguments; a retry must repeat them,"
                                + " a new request needs a new key");
                    }
                    return rs.getLong("result");
                })
                .optional()
                .orElse(null);
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
