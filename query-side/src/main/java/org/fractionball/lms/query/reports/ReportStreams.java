package org.fractionball.lms.query.reports;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The report CSVs of contract §5.19, streamed: rows come from a server-side cursor ({@code fetchSize}
 * rows at a time) and go straight to the response through a small buffer, so a report of any length
 * needs constant memory. Plain JDBC on a {@link DataSource}, so a test can run it in a JVM of its
 * own with a small heap. Names and titles are joined from the accounts and content read models;
 * views and downloads of deleted content are left out, as the original's cascade removed them.
 */
public final class ReportStreams {
    /** Rows fetched per round trip. */
    static final int FETCH_SIZE = 2_000;
    private static final CSVFormat EXCEL = CSVFormat.EXCEL;
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'+00:00'");
    private static final DateTimeFormatter MICROS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'");
    private static final String FULL_NAME = "CASE WHEN %1$s.id IS NULL THEN '' WHEN %1$s.first_name <> '' "
            + "AND %1$s.last_name <> '' THEN %1$s.first_name || ' ' || %1$s.last_name ELSE %1$s.username END";

    private final DataSource dataSource;

    public ReportStreams(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Video views report: one row per view session started in the range, newest first. */
    public long views(Long schoolId, LocalDate start, LocalDate end, OutputStream out) throws IOException {
        String sql = """
                SELECT v.viewed_at, c.title, %s AS owner_name, s.name AS school_name, c.grade, c.topic,
                       %s AS viewer_name, u.email AS viewer_email, v.duration_watched, v.completion_percentage,
                       v.session_id
                FROM video_view_session v
                     JOIN content_view c ON c.kind = 'video' AND c.id = v.video_id
                     LEFT JOIN user_view o ON o.id = c.owner_id
                     LEFT JOIN school_view s ON s.id = c.school_id
                     LEFT JOIN user_view u ON u.id = v.user_id
                WHERE v.viewed_at >= ? AND v.viewed_at < ? %s
                ORDER BY v.viewed_at DESC, v.id""".formatted(FULL_NAME.formatted("o"), FULL_NAME.formatted("u"),
                schoolId == null ? "" : "AND v.school_id = ?");
        return stream(out, List.of("Date", "Video Title", "Video Owner", "School", "Grade", "Topic", "Viewer Name",
                "Viewer Email", "Duration Watched (seconds)", "Completion Percentage", "Session ID", "Viewed At"),
                sql, range(schoolId, start, end), rs -> {
                    Timestamp viewedAt = rs.getTimestamp("viewed_at");
                    return Arrays.asList(date(viewedAt), rs.getString("title"), rs.getString("owner_name"),
                            orEmpty(rs.getString("school_name")), Grade.display(rs.getString("grade")),
                            Topic.display(rs.getString("topic")), rs.getString("viewer_name"),
                            orEmpty(rs.getString("viewer_email")), blankIfZero(rs.getObject("duration_watched",
                                    Integer.class)), fraction(rs.getObject("completion_percentage", Double.class)),
                            rs.getString("session_id"), timestamp(viewedAt));
                });
    }

    /** Resource downloads report: one row per download in the range, newest first. */
    public long downloads(Long schoolId, LocalDate start, LocalDate end, OutputStream out) throws IOException {
        String sql = """
                SELECT r.downloaded_at, c.title, %s AS owner_name, s.name AS school_name, c.file_type, c.grade,
                       c.topic, %s AS downloader_name, u.email AS downloader_email, r.file_size
                FROM resource_download_record r
                     JOIN content_view c ON c.kind = 'resource' AND c.id = r.resource_id
                     LEFT JOIN user_view o ON o.id = c.owner_id
                     LEFT JOIN school_view s ON s.id = c.school_id
                     LEFT JOIN user_view u ON u.id = r.user_id
                WHERE r.downloaded_at >= ? AND r.downloaded_at < ? %s
                ORDER BY r.downloaded_at DESC, r.id""".formatted(FULL_NAME.formatted("o"), FULL_NAME.formatted("u"),
                schoolId == null ? "" : "AND r.school_id = ?");
        return stream(out, List.of("Date", "Resource Title", "Resource Owner", "School", "File Type", "Grade", "Topic",
                "Downloader Name", "Downloader Email", "File Size (bytes)", "Download Completed", "Downloaded At"),
                sql, range(schoolId, start, end), rs -> {
                    Timestamp at = rs.getTimestamp("downloaded_at");
                    return Arrays.asList(date(at), rs.getString("title"), rs.getString("owner_name"),
                            orEmpty(rs.getString("school_name")), fileType(rs.getString("file_type")),
                            Grade.display(rs.getString("grade")), Topic.display(rs.getString("topic")),
                            rs.getString("downloader_name"), orEmpty(rs.getString("downloader_email")),
                            blankIfZero(rs.getObject("file_size", Long.class)), "Yes", timestamp(at));
                });
    }

    /** Content inventory: every video or resource in scope (optionally of one status), newest first. */
    public long content(boolean videos, Long schoolId, String status, OutputStream out) throws IOException {
        String sql = """
                SELECT c.title, c.description, %s AS owner_name, s.name AS school_name, c.grade, c.topic, c.duration,
                       c.file_size, c.file_type, c.status,
                       array_to_string(ARRAY(SELECT jsonb_array_elements_text(c.tags)), ', ') AS tags,
                       c.created_at, c.updated_at, c.submitted_at, %s AS reviewer_name, c.reviewed_at
                FROM content_view c
                     LEFT JOIN user_view o ON o.id = c.owner_id
                     LEFT JOIN school_view s ON s.id = c.school_id
                     LEFT JOIN user_view r ON r.id = c.reviewed_by
                WHERE c.kind = ? %s %s
                ORDER BY c.created_at DESC, c.id""".formatted(FULL_NAME.formatted("o"), FULL_NAME.formatted("r"),
                schoolId == null ? "" : "AND c.school_id = ?", status == null ? "" : "AND c.status = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(videos ? "video" : "resource");
        if (schoolId != null) {
            parameters.add(schoolId);
        }
        if (status != null) {
            parameters.add(status);
        }
        List<String> header = videos
                ? List.of("Title", "Description", "Owner", "School", "Grade", "Topic", "Duration (seconds)",
                        "File Size (bytes)", "Status", "Tags", "Created At", "Updated At", "Submitted At",
                        "Reviewed By", "Reviewed At")
                : List.of("Title", "Description", "Owner", "School", "File Type", "Grade", "Topic",
                        "File Size (bytes)", "Status", "Tags", "Created At", "Updated At");
        return stream(out, header, sql, parameters, rs -> {
            String statusDisplay = ContentStatus.valueOf(rs.getString("status")).display();
            if (!videos) {
                return Arrays.asList(rs.getString("title"), rs.getString("description"), rs.getString("owner_name"),
                        orEmpty(rs.getString("school_name")), fileType(rs.getString("file_type")),
                        Grade.display(rs.getString("grade")), Topic.display(rs.getString("topic")),
                        blankIfZero(rs.getObject("file_size", Long.class)), statusDisplay, rs.getString("tags"),
                        timestamp(rs.getTimestamp("created_at")), timestamp(rs.getTimestamp("updated_at")));
            }
            Timestamp reviewedAt = rs.getTimestamp("reviewed_at");
            return Arrays.asList(rs.getString("title"), rs.getString("description"), rs.getString("owner_name"),
                    orEmpty(rs.getString("school_name")), Grade.display(rs.getString("grade")),
                    Topic.display(rs.getString("topic")), blankIfZero(rs.getObject("duration", Integer.class)),
                    blankIfZero(rs.getObject("file_size", Long.class)), statusDisplay, rs.getString("tags"),
                    timestamp(rs.getTimestamp("created_at")), timestamp(rs.getTimestamp("updated_at")),
                    timestamp(rs.getTimestamp("submitted_at")), reviewedAt == null ? "" : rs.getString("reviewer_name"),
                    timestamp(reviewedAt));
        });
    }

    /**
     * Analytics summary: one row per video in scope with views in the range, most viewed first, from the
     * per-day statistics (unique viewers distinct over the whole range).
     */
    public long analyticsSummary(Long schoolId, LocalDate start, LocalDate end, OutputStream out) throws IOException {
        String sql = """
                WITH ranged AS (
                    SELECT d.asset_id, sum(d.view_count) AS views, sum(d.total_watch_time) AS watch_time,
                           sum(d.completion_sum) AS completion_sum, sum(d.completion_count) AS completion_count
                    FROM daily_asset_stats d
                    WHERE d.kind = 'video' AND d.day >= ? AND d.day < ? %s
                    GROUP BY d.asset_id HAVING sum(d.view_count) > 0)
                SELECT c.title, %s AS owner_name, s.name AS school_name, c.grade, c.topic, g.views,
                       (SELECT count(DISTINCT w.user_id) FROM daily_asset_viewer w
                        WHERE w.asset_id = g.asset_id AND w.day >= ? AND w.day < ?) AS unique_viewers,
                       g.watch_time, g.completion_sum, g.completion_count, c.status, c.created_at
                FROM ranged g
                     JOIN content_view c ON c.kind = 'video' AND c.id = g.asset_id
                     LEFT JOIN user_view o ON o.id = c.owner_id
                     LEFT JOIN school_view s ON s.id = c.school_id
                ORDER BY g.views DESC, c.created_at DESC, c.id""".formatted(
                schoolId == null ? "" : "AND d.school_id = ?", FULL_NAME.formatted("o"));
        List<Object> parameters = new ArrayList<>();
        parameters.add(Date.valueOf(start));
        parameters.add(Date.valueOf(end.plusDays(1)));
        if (schoolId != null) {
            parameters.add(schoolId);
        }
        parameters.add(Date.valueOf(start));
        parameters.add(Date.valueOf(end.plusDays(1)));
        return stream(out, List.of("Content Title", "Content Type", "Owner", "School", "Grade", "Topic",
                "Total Views", "Unique Viewers", "Total Watch Time (seconds)", "Average Completion Rate", "Status",
                "Created Date"), sql, parameters, rs -> {
                    long count = rs.getLong("completion_count");
                    double mean = count == 0 ? 0 : rs.getDouble("completion_sum") / count;
                    return Arrays.asList(rs.getString("title"), "Video", rs.getString("owner_name"),
                            orEmpty(rs.getString("school_name")), Grade.display(rs.getString("grade")),
                            Topic.display(rs.getString("topic")), rs.getLong("views"), rs.getLong("unique_viewers"),
                            rs.getLong("watch_time"),
                            new BigDecimal(mean * 100).setScale(1, RoundingMode.HALF_EVEN).toPlainString() + "%",
                            ContentStatus.valueOf(rs.getString("status")).display(), date(rs.getTimestamp("created_at")));
                });
    }

    @FunctionalInterface
    private interface Row {
        List<Object> values(ResultSet rs) throws SQLException;
    }

    /** Writes the header and every row; answers the number of rows. Nothing is held but the current row. */
    private long stream(OutputStream out, List<String> header, String sql, List<Object> parameters, Row row)
            throws IOException {
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVPrinter csv = new CSVPrinter(writer, EXCEL);
        csv.printRecord(header);
        long rows = 0;
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL streams with a cursor only inside a transaction
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        csv.printRecord(row.values(rs));
                        rows++;
                    }
                }
            } finally {
                connection.rollback();
            }
        } catch (SQLException failed) {
            throw new IOException("report query failed", failed);
        }
        csv.flush();
        return rows;
    }

    private static List<Object> range(Long schoolId, LocalDate start, LocalDate end) {
        List<Object> parameters = new ArrayList<>();
        parameters.add(Timestamp.from(start.atStartOfDay(ZoneOffset.UTC).toInstant()));
        parameters.add(Timestamp.from(end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        if (schoolId != null) {
            parameters.add(schoolId);
        }
        return parameters;
    }

    /** ISO-8601 with {@code +00:00}, microseconds only when non-zero (§0.6); blank when absent. */
    static String timestamp(Timestamp at) {
        if (at == null) {
            return "";
        }
        OffsetDateTime time = at.toInstant().atOffset(ZoneOffset.UTC);
        return time.format(time.getNano() / 1_000 == 0 ? SECONDS : MICROS);
    }

    private static String date(Timestamp at) {
        return at.toInstant().atOffset(ZoneOffset.UTC).toLocalDate().toString();
    }

    private static String blankIfZero(Number value) {
        return value == null || value.longValue() == 0 ? "" : value.toString();
    }

    /** The raw 0–1 fraction in plain decimal form; blank when absent or 0. */
    private static String fraction(Double value) {
        return value == null || value == 0 ? "" : BigDecimal.valueOf(value).toPlainString();
    }

    private static String fileType(String code) {
        ResourceFileType type = ResourceFileType.parse(code);
        return type == null ? orEmpty(code) : type.display();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
