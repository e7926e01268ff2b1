package io.skynetspring.samples.dbproxy;

import io.skynetspring.core.message.ServiceException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which failures a caller reads as "unavailable", and which of them take the database for down. */
class FailuresTest {

    @Test
    void aPlainSqlExceptionOfConnectionStateIsAnOutage() {
        Exception e = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed", "08003"));
        assertThat(((ServiceException) Failures.describe(e)).reason())
                .startsWith("unavailable: the database cannot be reached (Connection is closed)")
                .contains("retry it with the same request key");
        assertThat(Failures.isConnectionLoss(e)).isTrue();
    }

    @Test
    void aLockTimeoutIsUnavailableButTheDatabaseIsUp() {
        Exception e = new CannotAcquireLockException("lock wait", new SQLException("Lock wait timeout exceeded", "40001"));
        assertThat(((ServiceException) Failures.describe(e)).reason()).startsWith("unavailable:");
        assertThat(Failures.isConnectionLoss(e)).isFalse();
    }

    @Test
    void aStatementTheDatabaseRefusesIsADatabaseError() {
        Exception e = new BadSqlGrammarException("select", "SELEC 1", new SQLException("syntax error", "42000"));
        assertThat(((ServiceException) Failures.describe(e)).reason()).isEqualTo("database error: syntax error");
        assertThat(Failures.isConnectionLoss(e)).isFalse();
    }
}
