package org.fractionball.lms.projections;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * One column of a batch of rows as a PostgreSQL array parameter (for {@code unnest}). The driver sends
 * a {@code String[]} or {@code Long[]} in PostgreSQL's binary array format; an {@code Object[]} it
 * would render as array text, escaping every character, which the server then parses back: a quarter
 * of an audit rebuild's processor thread and 4.5 % of PostgreSQL's time (docs/benchmarks.md).
 */
public final class BatchArrays {
    private BatchArrays() {
    }

    /** {@code type} is {@code varchar} or {@code text}. */
    public static <R> Array texts(Connection connection, String type, List<R> rows, Function<R, String> column)
            throws SQLException {
        return connection.createArrayOf(type, rows.stream().map(column).toArray(String[]::new));
    }

    public static <R> Array bigints(Connection connection, List<R> rows, Function<R, Long> column)
            throws SQLException {
        return connection.createArrayOf("bigint", rows.stream().map(column).toArray(Long[]::new));
    }
}
