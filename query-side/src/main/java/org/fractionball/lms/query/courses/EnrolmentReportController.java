package org.fractionball.lms.query.courses;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.fractionball.lms.events.courses.EnrolmentStatus;
import org.fractionball.lms.events.reports.ReportExported;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.query.web.QueryRejected;
import org.fractionball.lms.query.web.ReadsFrom;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /api/reports/enrolments/} (SA+, contract §5.19 conventions): one CSV row per enrolment
 * in scope, newest first, streamed from a server-side cursor straight to the response, so memory
 * stays constant whatever the number of rows. Every export is audited as {@link ReportExported}.
 */
@RestController
@Tag(name = "Reports")
@ReadsFrom({ProjectionNames.COURSES, ProjectionNames.CONTENT, ProjectionNames.ACTIVITIES, ProjectionNames.ACCOUNTS})
public class EnrolmentReportController {
    static final String REPORT = "course_enrolments";
    static final List<String> HEADERS = List.of("Course", "Course School", "Teacher Name", "Teacher Email", "School",
            "Status", "Completed Items", "Total Items", "Percent Complete", "Enrolled At", "Completed At",
            "Withdrawn At");
    /** Rows fetched per round trip: the cursor holds at most this many in memory. */
    static final int FETCH_SIZE = 500;
    private static final Pattern INTEGER = Pattern.compile("\\d{1,18}");
    private static final Pattern UUID_SHAPE =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    /** Each course's live items are counted once; each enrolment's completed ones by primary-key lookups. */
    private static final String SELECT = """
            WITH totals AS (SELECT course_id, count(*) AS total FROM course_live_item GROUP BY course_id)
            SELECT c.title AS course_title, c.school_id AS course_school_id, cs.name AS course_school, u.first_name,
                   u.last_name, u.username, u.email, us.name AS user_school, e.status, coalesce(d.done, 0) AS done,
                   coalesce(t.total, 0) AS total, e.enrolled_at, e.completed_at, e.withdrawn_at
            FROM enrolment_view e
                 JOIN course_view c ON c.id = e.course_id
                 JOIN user_view u ON u.id = e.user_id
                 LEFT JOIN school_view cs ON cs.id = c.school_id
                 LEFT JOIN school_view us ON us.id = u.school_id
                 LEFT JOIN totals t ON t.course_id = e.course_id
                 LEFT JOIN LATERAL (SELECT count(*) AS done
                                    FROM enrolment_item_view p
                                         JOIN course_live_item li ON li.course_id = e.course_id
                                                                 AND li.item_id = p.item_id
                                    WHERE p.enrolment_id = e.id AND p.status = 'completed') d ON TRUE""";

    private final DataSource dataSource;
    private final EventGateway events;

    public EnrolmentReportController(DataSource dataSource, EventGateway events) {
        this.dataSource = dataSource;
        this.events = events;
    }

    @Operation(summary = "Enrolments report, CSV (SA+)", description = "SCHOOL_ADMIN: its school's users; ADMIN: all, "
            + "or school_id. Optional course (id), status (active, completed, withdrawn), start_date and end_date "
            + "(YYYY-MM-DD, inclusive, on the UTC enrolment date). Newest enrolment first.")
    @GetMapping("/api/reports/enrolments/")
    public void export(Caller caller, @RequestParam Map<String, String> params, HttpServletResponse response)
            throws IOException, SQLException {
        if (!caller.isSchoolAdminOrAbove()) {
            throw new QueryRejected(403, Map.of("detail", "You do not have permission to perform this action."));
        }
        Long school = caller.isAdmin() ? schoolId(params.get("school_id")) : Long.valueOf(caller.schoolId());
        String course = blankless(params.get("course"));
        if (course != null && !UUID_SHAPE.matcher(course).matches()) {
            throw error("Invalid course format");
        }
        String status = blankless(params.get("status"));
        if (status != null && EnrolmentStatus.parse(status) == null) {
            throw error("Invalid status. Must be one of active, completed, withdrawn");
        }
        LocalDate start = date(params.get("start_date"));
        LocalDate end = date(params.get("end_date"));
        if (start != null && end != null && start.isAfter(end)) {
            throw error("start_date cannot be after end_date");
        }
        String filename = "course_enrolments_report_" + LocalDate.now(ZoneOffset.UTC)
                .format(DateTimeFormatter.BASIC_ISO_DATE) + ".csv";

        List<Object> args = new ArrayList<>();
        List<String> conditions = new ArrayList<>();
        if (school != null) {
            conditions.add("u.school_id = ?");
            args.add(school);
        }
        if (course != null) {
            conditions.add("e.course_id = ?");
            args.add(UUID.fromString(course));
        }
        if (status != null) {
            conditions.add("e.status = ?");
            args.add(status);
        }
        if (start != null) {
            conditions.add("e.enrolled_at >= ?");
            args.add(Timestamp.from(start.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (end != null) {
            conditions.add("e.enrolled_at < ?");
            args.add(Timestamp.from(end.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        String sql = SELECT + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY e.enrolled_at DESC, e.id";

        response.setStatus(200);
        response.setContentType("text/csv; charset=utf-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
        try (Connection connection = dataSource.getConnection()) {
            // PostgreSQL keeps a cursor (and honours the fetch size) only inside a transaction
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            try (PreparedStatement statement = connection.prepareStatement(sql, ResultSet.TYPE_FORWARD_ONLY,
                    ResultSet.CONCUR_READ_ONLY)) {
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                Writer writer = new BufferedWriter(new OutputStreamWriter(response.getOutputStream(),
                        StandardCharsets.UTF_8), 65_536);
                CSVPrinter csv = new CSVPrinter(writer, CSVFormat.EXCEL);
                csv.printRecord(HEADERS);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        csv.printRecord(row(rows));
                    }
                }
                csv.flush();
            } finally {
                connection.rollback();
            }
        }
        Map<String, String> filters = new LinkedHashMap<>();
        put(filters, "course", course);
        put(filters, "status", status);
        put(filters, "start_date", start == null ? null : start.toString());
        put(filters, "end_date", end == null ? null : end.toString());
        filters.put("filename", filename);
        events.publish(new ReportExported(REPORT, school, filters));
    }

    private static List<Object> row(ResultSet rs) throws SQLException {
        String first = rs.getString("first_name");
        String last = rs.getString("last_name");
        String name = first != null && !first.isEmpty() && last != null && !last.isEmpty() ? first + " " + last
                : rs.getString("username");
        long done = rs.getLong("done");
        long total = rs.getLong("total");
        String status = rs.getString("status");
        return List.of(rs.getString("course_title"),
                rs.getObject("course_school_id") == null ? "Global" : orBlank(rs.getString("course_school")),
                name, rs.getString("email"), orBlank(rs.getString("user_school")),
                Character.toUpperCase(status.charAt(0)) + status.substring(1), done, total,
                EnrolmentResponse.percent(done, total) + "%", iso(rs.getTimestamp("enrolled_at")),
                iso(rs.getTimestamp("completed_at")), iso(rs.getTimestamp("withdrawn_at")));
    }

    /** §0.6 report datetimes: ISO-8601 with {@code +00:00}, microseconds only when non-zero. */
    static String iso(Timestamp timestamp) {
        if (timestamp == null) {
            return "";
        }
        var utc = timestamp.toInstant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        String pattern = utc.getNano() == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.SSSSSS";
        return utc.format(DateTimeFormatter.ofPattern(pattern)) + "+00:00";
    }

    private static Long schoolId(String value) {
        String id = blankless(value);
        if (id == null) {
            return null;
        }
        if (!INTEGER.matcher(id).matches()) {
            throw error("Invalid school_id format");
        }
        return Long.valueOf(id);
    }

    private static LocalDate date(String value) {
        String text = blankless(value);
        if (text == null) {
            return null;
        }
        try {
            if (DATE.matcher(text).matches()) {
                return LocalDate.parse(text);
            }
        } catch (DateTimeParseException invalid) {
            // the same answer as a malformed date below
        }
        throw error("Invalid date format. Use YYYY-MM-DD");
    }

    private static String blankless(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String orBlank(String value) {
        return value == null ? "" : value;
    }

    private static void put(Map<String, String> filters, String key, String value) {
        if (value != null) {
            filters.put(key, value);
        }
    }

    private static QueryRejected error(String message) {
        return new QueryRejected(400, Map.of("error", message));
    }
}
