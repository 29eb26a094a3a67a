package org.fractionball.lms.projections.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.fractionball.lms.projections.BatchArrays;
import org.fractionball.lms.projections.BinaryCopy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Writes one processor batch of the content projection in a few round trips.
 *
 * <p>The changes events make to single {@code content_view} rows are folded in memory: the rows
 * they touch are read once, each change is applied in event order, and only the final rows are
 * written (one statement, the columns as arrays), with the {@code content_history} versions the
 * changes made copied in. The history trigger stands aside for these writes
 * ({@code lms.history_written}, V49) because the versions are written here, dated by their events
 * exactly as the trigger dates them. Statements on other tables run as one multi-statement query
 * after the fold; a statement that changes many {@code content_view} rows at once (a removed user
 * or school) is a barrier: what came before it is written first, and its history is the trigger's.
 */
final class ContentWrites {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keeps a query's parameters well below PgJDBC's limit. */
    private static final int STATEMENTS_PER_QUERY = 500;
    private static final String COLUMNS = """
            kind, id, title, description, grade, topic, tags, duration, file_size, uri, thumbnail_uri, file_type,
            owner_id, school_id, status, storage_path, submitted_at, reviewed_by, reviewed_at, review_notes,
            created_at, updated_at""";
    private static final String HISTORY_COLUMNS = """
            kind, id, title, description, grade, topic, tags, duration, file_size, uri, thumbnail_uri, file_type,
            owner_id, school_id, status, created_at, updated_at, valid_from, valid_to""";

    /** One change of a batch, in event order. */
    sealed interface Change permits RowChange, Statement {
    }

    /**
     * A change to one {@code content_view} row: {@code change} maps the row (null when there is none)
     * to its new state (null to delete it). The library of the row's school is raised when the row
     * exists before or after.
     */
    record RowChange(Instant at, String kind, UUID id, UnaryOperator<ContentRow> change)
            implements Change {
    }

    /**
     * A statement of its event, run with the event's time ({@code lms.event_time}) for the history
     * trigger. {@code returnsSchools}: its rows are the ids of schools whose library it changed;
     * {@code schools}: schools whose library it changes anyway; {@code barrier}: it changes
     * {@code content_view} rows.
     */
    record Statement(Instant at, String sql, Object[] args, boolean returnsSchools, List<Long> schools,
                     boolean barrier) implements Change {
    }

    private ContentWrites() {
    }

    /** Writes {@code batch} in the current transaction and returns the schools whose library it changed. */
    static Set<Long> write(Connection connection, List<Change> batch) throws SQLException {
        if (connection.getAutoCommit()) {
            // lms.history_written is transaction-local: in autocommit the trigger would write every version twice
            throw new IllegalStateException("The content projection writes in its event processor's transaction");
        }
        Set<Long> schools = new HashSet<>();
        List<RowChange> rows = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        for (Change change : batch) {
            if (change instanceof RowChange row) {
                rows.add(row);
            } else if (change instanceof Statement statement) {
                statements.add(statement);
                if (statement.barrier()) {
                    schools.addAll(fold(connection, rows));
                    schools.addAll(run(connection, statements));
                    rows.clear();
                    statements.clear();
                }
            }
        }
        schools.addAll(fold(connection, rows));
        schools.addAll(run(connection, statements));
        return schools;
    }

    private static Set<Long> fold(Connection connection, List<RowChange> changes) throws SQLException {
        Set<Long> schools = new HashSet<>();
        if (changes.isEmpty()) {
            return schools;
        }
        Map<Key, ContentRow> stored = load(connection, changes);
        Map<Key, ContentRow> rows = new HashMap<>(stored);
        Map<Key, Version> open = new HashMap<>();
        Map<Key, Instant> closeStored = new LinkedHashMap<>();
        List<Version> versions = new ArrayList<>();
        for (RowChange change : changes) {
            Key key = new Key(change.kind(), change.id());
            ContentRow before = rows.get(key);
            ContentRow after = change.change().apply(before);
            if (before != null || after != null) {
                // an item never changes school
                schools.add((after != null ? after : before).schoolId());
            }
            rows.put(key, after);
            boolean shown = before != null && after != null && before.showsAs(after);
            Instant at = ContentRow.stored(change.at());
            if (before != null && !shown) {
                Version current = open.remove(key);
                if (current != null) {
                    current.validTo = at;
                } else {
                    closeStored.putIfAbsent(key, at);
                }
            }
            if (after != null && !shown) {
                Version version = new Version(after, at);
                versions.add(version);
                open.put(key, version);
            }
        }
        closeStoredVersions(connection, closeStored);
        writeRows(connection, stored, rows);
        insertVersions(connection, versions);
        return schools;
    }

    private static Map<Key, ContentRow> load(Connection connection, List<RowChange> changes) throws SQLException {
        List<Key> keys = changes.stream().map(change -> new Key(change.kind(), change.id())).distinct().toList();
        Map<Key, ContentRow> rows = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + COLUMNS
                + " FROM unnest(?::varchar[], ?::uuid[]) AS k (k_kind, k_id)"
                + " JOIN content_view ON kind = k_kind AND id = k_id")) {
            select.setArray(1, BatchArrays.texts(connection, "varchar", keys, Key::kind));
            select.setArray(2, connection.createArrayOf("uuid", keys.stream().map(Key::id).toArray()));
            try (ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    ContentRow row = row(result);
                    rows.put(new Key(row.kind(), row.id()), row);
                }
            }
        }
        return rows;
    }

    private static void closeStoredVersions(Connection connection, Map<Key, Instant> closes) throws SQLException {
        if (closes.isEmpty()) {
            return;
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE content_history SET valid_to = ? WHERE kind = ? AND id = ? AND valid_to IS NULL")) {
            for (Map.Entry<Key, Instant> close : closes.entrySet()) {
                update.setTimestamp(1, Timestamp.from(close.getValue()));
                update.setString(2, close.getKey().kind());
                update.setObject(3, close.getKey().id());
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    /** Deletes and upserts the rows whose final state differs from the stored one, the trigger standing aside. */
    private static void writeRows(Connection connection, Map<Key, ContentRow> stored, Map<Key, ContentRow> rows)
            throws SQLException {
        List<Key> deleted = new ArrayList<>();
        List<ContentRow> changed = new ArrayList<>();
        rows.forEach((key, row) -> {
            if (row == null && stored.containsKey(key)) {
                deleted.add(key);
            } else if (row != null && !row.equals(stored.get(key))) {
                changed.add(row);
            }
        });
        if (deleted.isEmpty() && changed.isEmpty()) {
            return;
        }
        historyWrittenHere(connection, true);
        if (!deleted.isEmpty()) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM content_view WHERE kind = ? AND id = ?")) {
                for (Key key : deleted) {
                    delete.setString(1, key.kind());
                    delete.setObject(2, key.id());
                    delete.addBatch();
                }
                delete.executeBatch();
            }
        }
        if (!changed.isEmpty()) {
            upsert(connection, changed);
        }
        historyWrittenHere(connection, false);
    }

    /**
     * One statement for the batch's rows, their columns as arrays: a statement per row cost PostgreSQL
     * more in executing statements than in writing rows (docs/benchmarks.md). Times go as text, to
     * the microsecond as the driver would send them.
     */
    private static void upsert(Connection connection, List<ContentRow> rows) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO content_view (" + COLUMNS + ")"
                + " SELECT kind, id, title, description, grade, topic, tags::jsonb, duration, file_size, uri,"
                + " thumbnail_uri, file_type, owner_id, school_id, status, storage_path, submitted_at::timestamptz,"
                + " reviewed_by, reviewed_at::timestamptz, review_notes, created_at::timestamptz,"
                + " updated_at::timestamptz"
                + " FROM unnest(?::varchar[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
                + " ?::integer[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::bigint[], ?::bigint[], ?::varchar[],"
                + " ?::text[], ?::text[], ?::bigint[], ?::text[], ?::text[], ?::text[], ?::text[])"
                + " AS r (" + COLUMNS + ")"
                + " ON CONFLICT (kind, id) DO UPDATE SET title = EXCLUDED.title,"
                + " description = EXCLUDED.description, grade = EXCLUDED.grade, topic = EXCLUDED.topic,"
                + " tags = EXCLUDED.tags, duration = EXCLUDED.duration, file_size = EXCLUDED.file_size,"
                + " uri = EXCLUDED.uri, thumbnail_uri = EXCLUDED.thumbnail_uri, file_type = EXCLUDED.file_type,"
                + " owner_id = EXCLUDED.owner_id, school_id = EXCLUDED.school_id, status = EXCLUDED.status,"
                + " storage_path = EXCLUDED.storage_path, submitted_at = EXCLUDED.submitted_at,"
                + " reviewed_by = EXCLUDED.reviewed_by, reviewed_at = EXCLUDED.reviewed_at,"
                + " review_notes = EXCLUDED.review_notes, created_at = EXCLUDED.created_at,"
                + " updated_at = EXCLUDED.updated_at")) {
            int i = 1;
            upsert.setArray(i++, BatchArrays.texts(connection, "varchar", rows, ContentRow::kind));
            upsert.setArray(i++, connection.createArrayOf("uuid", rows.stream().map(ContentRow::id).toArray()));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::title));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::description));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::grade));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::topic));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, row -> json(row.tags())));
            upsert.setArray(i++, connection.createArrayOf("integer",
                    rows.stream().map(ContentRow::duration).toArray(Integer[]::new)));
            upsert.setArray(i++, BatchArrays.bigints(connection, rows, ContentRow::fileSize));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::uri));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::thumbnailUri));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::fileType));
            upsert.setArray(i++, BatchArrays.bigints(connection, rows, ContentRow::ownerId));
            upsert.setArray(i++, BatchArrays.bigints(connection, rows, ContentRow::schoolId));
            upsert.setArray(i++, BatchArrays.texts(connection, "varchar", rows, ContentRow::status));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::storagePath));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, row -> time(row.submittedAt())));
            upsert.setArray(i++, BatchArrays.bigints(connection, rows, ContentRow::reviewedBy));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, row -> time(row.reviewedAt())));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, ContentRow::reviewNotes));
            upsert.setArray(i++, BatchArrays.texts(connection, "text", rows, row -> time(row.createdAt())));
            upsert.setArray(i, BatchArrays.texts(connection, "text", rows, row -> time(row.updatedAt())));
            upsert.executeUpdate();
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : ContentRow.stored(instant).toString();
    }

    /** Copied in: new versions, which no conflict clause would skip. */
    private static void insertVersions(Connection connection, List<Version> versions) throws SQLException {
        if (versions.isEmpty()) {
            return;
        }
        BinaryCopy copy = new BinaryCopy("content_history (" + HISTORY_COLUMNS + ")");
        for (Version version : versions) {
            ContentRow row = version.row;
            copy.row(19).text(row.kind()).uuid(row.id()).text(row.title()).text(row.description()).text(row.grade())
                    .text(row.topic()).jsonb(json(row.tags())).integer(row.duration()).bigint(row.fileSize())
                    .text(row.uri()).text(row.thumbnailUri()).text(row.fileType()).bigint(row.ownerId())
                    .bigint(row.schoolId()).text(row.status()).timestamptz(row.createdAt())
                    .timestamptz(row.updatedAt()).timestamptz(version.validFrom).timestamptz(version.validTo);
        }
        copy.copyInto(connection);
    }

    private static void historyWrittenHere(Connection connection, boolean here) throws SQLException {
        try (PreparedStatement set = connection.prepareStatement("SELECT set_config('lms.history_written', ?, true)")) {
            set.setString(1, here ? "projection" : "");
            set.execute();
        }
    }

    private static ContentRow row(ResultSet result) throws SQLException {
        return new ContentRow(result.getString("kind"), result.getObject("id", UUID.class), result.getString("title"),
                result.getString("description"), result.getString("grade"), result.getString("topic"),
                tags(result.getString("tags")), (Integer) result.getObject("duration"),
                (Long) result.getObject("file_size"), result.getString("uri"), result.getString("thumbnail_uri"),
                result.getString("file_type"), result.getLong("owner_id"), result.getLong("school_id"),
                result.getString("status"), result.getString("storage_path"), instant(result, "submitted_at"),
                (Long) result.getObject("reviewed_by"), instant(result, "reviewed_at"),
                result.getString("review_notes"), instant(result, "created_at"), instant(result, "updated_at"));
    }

    /**
     * Runs statements in their order as one multi-statement query per {@value STATEMENTS_PER_QUERY}
     * (PgJDBC sends them in one round trip), each preceded by its event's time when that changes.
     */
    private static Set<Long> run(Connection connection, List<Statement> statements) throws SQLException {
        Set<Long> schools = new HashSet<>();
        for (int from = 0; from < statements.size(); from += STATEMENTS_PER_QUERY) {
            schools.addAll(runQuery(connection,
                    statements.subList(from, Math.min(statements.size(), from + STATEMENTS_PER_QUERY))));
        }
        return schools;
    }

    private static Set<Long> runQuery(Connection connection, List<Statement> statements) throws SQLException {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        List<Boolean> returnsSchools = new ArrayList<>();
        Set<Long> schools = new HashSet<>();
        Instant time = null;
        for (Statement statement : statements) {
            if (!statement.at().equals(time)) {
                time = statement.at();
                sql.append("SELECT set_config('lms.event_time', ?, true);\n");
                args.add(time.toString());
                returnsSchools.add(false);
            }
            sql.append(statement.sql()).append(";\n");
            args.addAll(Arrays.asList(statement.args()));
            returnsSchools.add(statement.returnsSchools());
            schools.addAll(statement.schools());
        }
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                statement.setObject(i + 1, args.get(i));
            }
            boolean resultSet = statement.execute();
            for (boolean schoolIds : returnsSchools) {
                if (resultSet && schoolIds) {
                    try (ResultSet rows = statement.getResultSet()) {
                        while (rows.next()) {
                            schools.add(rows.getLong(1));
                        }
                    }
                }
                resultSet = statement.getMoreResults();
            }
        }
        return schools;
    }

    private static String json(List<?> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static List<?> tags(String json) throws SQLException {
        try {
            return JSON.readValue(json, List.class);
        } catch (JsonProcessingException e) {
            throw new SQLException("content_view.tags is not a JSON array: " + json, e);
        }
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        Timestamp timestamp = result.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private record Key(String kind, UUID id) {
    }

    /** A version of a row for {@code content_history}, open until a later change of the batch closes it. */
    private static final class Version {
        private final ContentRow row;
        private final Instant validFrom;
        private Instant validTo;

        Version(ContentRow row, Instant validFrom) {
            this.row = row;
            this.validFrom = validFrom;
        }
    }
}
