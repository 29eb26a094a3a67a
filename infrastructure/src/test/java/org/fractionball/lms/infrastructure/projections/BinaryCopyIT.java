package org.fractionball.lms.infrastructure.projections;

import org.fractionball.lms.infrastructure.support.TestServices;
import org.fractionball.lms.projections.BinaryCopy;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows copied in PostgreSQL's binary format read back exactly as given, nulls and all, in their order;
 * times to the nearest microsecond.
 */
class BinaryCopyIT {
    private static final String TABLE = "copied (n, name, document, at, note, count, ref, until)";

    @Test
    void everyColumnTypeReadsBackAsGivenWithinTheTransaction() throws SQLException {
        try (Connection connection = freshTable()) {
            connection.setAutoCommit(false);
            BinaryCopy copy = new BinaryCopy(TABLE);
            copy.row(8).bigint(1L).text("Fractions on the court").jsonb("{\"b\": [1, 2.5], \"a\": \"é½\"}")
                    .timestamptz(Instant.parse("2026-11-30T10:15:30.123456500Z")).text(null).integer(42)
                    .uuid(UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0")).timestamptz(null);
            copy.row(8).bigint(null).text("").jsonb("{}").timestamptz(Instant.parse("1999-12-31T23:59:59Z"))
                    .text("tab\there, line\nthere, back\\slash, \"quote\" 🏀").integer(null).uuid(null)
                    .timestamptz(Instant.parse("2026-11-30T10:15:30.123456499Z"));
            copy.row(8).bigint(Long.MIN_VALUE).text("x".repeat(70_000)).jsonb("null")
                    .timestamptz(Instant.parse("2000-01-01T00:00:00Z")).text("last").integer(Integer.MIN_VALUE)
                    .uuid(new UUID(-1L, 1L)).timestamptz(Instant.parse("1970-01-01T00:00:00.000001Z"));
            assertThat(copy.rows()).isEqualTo(3);
            copy.copyInto(connection);

            List<String> rows = read(connection);
            assertThat(rows).containsExactly(
                    "1|Fractions on the court|{\"a\": \"é½\", \"b\": [1, 2.5]}|2026-11-30 10:15:30.123457+00|null"
                            + "|42|0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0|null",
                    "null||{}|1999-12-31 23:59:59+00|tab\there, line\nthere, back\\slash, \"quote\" 🏀"
                            + "|null|null|2026-11-30 10:15:30.123456+00",
                    Long.MIN_VALUE + "|" + "x".repeat(70_000) + "|null|2000-01-01 00:00:00+00|last"
                            + "|" + Integer.MIN_VALUE + "|ffffffff-ffff-ffff-0000-000000000001"
                            + "|1970-01-01 00:00:00.000001+00");
            connection.rollback();
            assertThat(read(connection)).isEmpty();
        }
    }

    @Test
    void aRowTheTableRefusesFailsTheCopyAndLeavesNothing() throws SQLException {
        try (Connection connection = freshTable()) {
            BinaryCopy copy = new BinaryCopy(TABLE);
            copy.row(8).bigint(1L).text("first").jsonb("{}").timestamptz(Instant.EPOCH).text(null).integer(1)
                    .uuid(null).timestamptz(null);
            copy.row(8).bigint(1L).text("same key").jsonb("{}").timestamptz(Instant.EPOCH).text(null).integer(2)
                    .uuid(null).timestamptz(null);
            assertThatThrownBy(() -> copy.copyInto(connection)).isInstanceOf(SQLException.class)
                    .hasMessageContaining("copied_pkey");
            assertThat(read(connection)).isEmpty();
        }
    }

    private static Connection freshTable() throws SQLException {
        TestServices services = TestServices.get();
        Connection connection = services.connect(services.freshDatabase("copy_" + System.nanoTime()));
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET TIME ZONE 'UTC'");
            // "id" is not copied: it numbers the rows in the order they arrived
            statement.execute("CREATE TABLE copied (id BIGSERIAL, n BIGINT CONSTRAINT copied_pkey UNIQUE, "
                    + "name TEXT NOT NULL, document JSONB NOT NULL, at TIMESTAMPTZ NOT NULL, note VARCHAR(64), "
                    + "count INTEGER, ref UUID, until TIMESTAMPTZ)");
        }
        return connection;
    }

    private static List<String> read(Connection connection) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(
                     "SELECT n, name, document::text, at::text, note, count, ref, until::text "
                             + "FROM copied ORDER BY id")) {
            while (result.next()) {
                List<String> columns = new ArrayList<>();
                for (int column = 1; column <= 8; column++) {
                    columns.add(result.getString(column));
                }
                rows.add(String.join("|", columns));
            }
        }
        return rows;
    }
}
