package org.fractionball.lms.projections;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows for one table in PostgreSQL's binary {@code COPY} format, sent in one {@code COPY … FROM STDIN}.
 * The server stores copied rows several to a page and parses no text, where an {@code INSERT} from
 * {@code unnest} arrays builds, checks and logs each row on its own: half the database's time per row
 * of an audit rebuild (docs/benchmarks.md). No conflict clause: for rows that cannot already be there.
 * (PgBulkInsert, the library for this, is not served by the registry here.)
 */
public final class BinaryCopy {
    /** Microseconds between the Unix epoch and PostgreSQL's (2000-01-01). */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);
    private static final byte JSONB_VERSION = 1;

    private final String table;
    private byte[] buffer = new byte[1 << 16];
    private int size;
    private int rows;

    /** @param table the table and its columns, in the order each row gives them: {@code t (a, b)} */
    public BinaryCopy(String table) {
        this.table = table;
        put(SIGNATURE);
        putInt(0);
        putInt(0);
    }

    public BinaryCopy row(int columns) {
        rows++;
        putShort(columns);
        return this;
    }

    /** {@code text} or {@code varchar}. */
    public BinaryCopy text(String value) {
        if (!wroteNull(value)) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            putInt(utf8.length);
            put(utf8);
        }
        return this;
    }

    public BinaryCopy bigint(Long value) {
        if (!wroteNull(value)) {
            putInt(Long.BYTES);
            putLong(value);
        }
        return this;
    }

    /** A JSON document's text, which the server parses into {@code jsonb}. */
    public BinaryCopy jsonb(String json) {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length + 1);
        ensure(1);
        buffer[size++] = JSONB_VERSION;
        put(utf8);
        return this;
    }

    public BinaryCopy integer(Integer value) {
        if (!wroteNull(value)) {
            putInt(Integer.BYTES);
            putInt(value);
        }
        return this;
    }

    public BinaryCopy uuid(UUID value) {
        if (!wroteNull(value)) {
            putInt(2 * Long.BYTES);
            putLong(value.getMostSignificantBits());
            putLong(value.getLeastSignificantBits());
        }
        return this;
    }

    /** As {@code timestamptz}, to the nearest microsecond (half up), as the driver sends a timestamp. */
    public BinaryCopy timestamptz(Instant value) {
        if (!wroteNull(value)) {
            Instant micros = value.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
            putInt(Long.BYTES);
            putLong(Math.addExact(Math.multiplyExact(micros.getEpochSecond(), 1_000_000L), micros.getNano() / 1_000)
                    - POSTGRES_EPOCH_MICROS);
        }
        return this;
    }

    public int rows() {
        return rows;
    }

    /** {@link #copyInto(Connection)} on the template's connection (the current transaction's, if any). */
    public void copyInto(JdbcTemplate jdbc) {
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            copyInto(connection);
            return null;
        });
    }

    /** Copies the rows in, in the order they were given, within the connection's transaction. */
    public void copyInto(Connection connection) throws SQLException {
        putShort(-1);
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " FROM STDIN (FORMAT binary)");
        try {
            copy.writeToCopy(buffer, 0, size);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** A null is written as the length -1 and no bytes. */
    private boolean wroteNull(Object value) {
        if (value == null) {
            putInt(-1);
        }
        return value == null;
    }

    private void putShort(int value) {
        ensure(Short.BYTES);
        buffer[size++] = (byte) (value >>> 8);
        buffer[size++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(Integer.BYTES);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
    }

    private void putLong(long value) {
        ensure(Long.BYTES);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[size++] = (byte) (value >>> shift);
        }
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
