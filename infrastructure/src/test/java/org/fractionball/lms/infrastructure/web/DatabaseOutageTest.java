package org.fractionball.lms.infrastructure.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTest {

    @Test
    void failures_of_an_unreachable_database_are_recognised_through_their_wrappers() {
        assertThat(DatabaseOutage.causedBy(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("HikariPool-1 - Connection is not available")))).isTrue();
        assertThat(DatabaseOutage.causedBy(new CompletionException(new IllegalStateException("query failed",
                new SQLException("An I/O error occurred while sending to the backend.", "08006"))))).isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("the database system is starting up", "57P03")))
                .isTrue();
        assertThat(DatabaseOutage.causedBy(new SQLException("terminating connection due to administrator command",
                "57P01"))).isTrue();
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(DatabaseOutage.causedBy(rollback)).isTrue();
        TransactionSystemException hidden = new TransactionSystemException("JDBC rollback failed",
                new SQLException("rollback refused", "25P02"));
        hidden.initApplicationException(new SQLException("connection reset", "08006"));
        assertThat(DatabaseOutage.causedBy(hidden)).isTrue();
    }

    @Test
    void other_failures_are_not_an_outage() {
        assertThat(DatabaseOutage.causedBy(new DataIntegrityViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505")))).isFalse();
        assertThat(DatabaseOutage.causedBy(new IllegalStateException("bug"))).isFalse();
        assertThat(DatabaseOutage.causedBy(new TransactionSystemException("rollback failed",
                new SQLException("rollback refused", "25P02")))).isFalse();
    }
}
