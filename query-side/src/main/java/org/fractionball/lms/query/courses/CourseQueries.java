package org.fractionball.lms.query.courses;

import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Answers course and enrolment queries from the courses read model. Items are the live ones
 * ({@code course_live_item}: their activity, video or resource is still on the read side), and
 * enrolments are joined with {@code user_view}, so a removed user's enrolments are never shown.
 */
@Component
public class CourseQueries {
    private static final String COURSE_SELECT = """
            SELECT c.id, c.school_id, c.title, c.description, c.grade_band, c.status, c.created_by, c.created_at,
                   c.updated_at
            FROM course_view c""";
    private static final String ENROLMENT_FROM = """
            FROM enrolment_view e
                 JOIN course_view c ON c.id = e.course_id
                 JOIN user_view u ON u.id = e.user_id""";
    private static final String ENROLMENT_SELECT = "SELECT e.id, e.course_id, c.title AS course_title, e.user_id, "
            + "e.status, e.enrolled_by, e.enrolled_at, e.completed_at, e.withdrawn_at, e.updated_at " + ENROLMENT_FROM;

    private final JdbcTemplate jdbc;

    public CourseQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public List<CourseResponse> handle(FindCourses query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        args.add(query.limit());
        args.add(query.offset());
        return withItems(jdbc.query(COURSE_SELECT + where + " ORDER BY lower(c.title), c.id LIMIT ? OFFSET ?",
                (rs, n) -> course(rs), args.toArray()));
    }

    @QueryHandler
    public Long handle(CountCourses query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        return jdbc.queryForObject("SELECT count(*) FROM course_view c" + where, Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<CourseResponse> handle(FindCourse query) {
        List<Object> args = new ArrayList<>();
        String visible = visibility(query.scope(), args);
        args.add(query.courseId());
        return withItems(jdbc.query(COURSE_SELECT + " WHERE " + visible + " AND c.id = ?", (rs, n) -> course(rs),
                args.toArray())).stream().findFirst();
    }

    @QueryHandler
    public List<EnrolmentResponse> handle(FindEnrolments query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        args.add(query.limit());
        args.add(query.offset());
        return withProgress(jdbc.query(ENROLMENT_SELECT + where + " ORDER BY e.enrolled_at DESC, e.id LIMIT ? OFFSET ?",
                (rs, n) -> enrolment(rs), args.toArray()));
    }

    @QueryHandler
    public Long handle(CountEnrolments query) {
        List<Object> args = new ArrayList<>();
        String where = where(query.filter(), args);
        return jdbc.queryForObject("SELECT count(*) " + ENROLMENT_FROM + where, Long.class, args.toArray());
    }

    @QueryHandler
    public Optional<EnrolmentResponse> handle(FindEnrolment query) {
        List<Object> args = new ArrayList<>();
        String where = where(new EnrolmentFilter(query.scope(), null, null, null), args);
        args.add(query.enrolmentId());
        return withProgress(jdbc.query(ENROLMENT_SELECT + where + " AND e.id = ?", (rs, n) -> enrolment(rs),
                args.toArray())).stream().findFirst();
    }

    @QueryHandler
    public List<CourseInProgress> handle(FindCoursesInProgress query) {
        return jdbc.query("""
                SELECT e.id, e.course_id, c.title, e.enrolled_at, e.updated_at,
                       (SELECT count(*) FROM course_live_item li WHERE li.course_id = e.course_id) AS total,
                       (SELECT count(*) FROM course_live_item li
                               JOIN enrolment_item_view p ON p.enrolment_id = e.id AND p.item_id = li.item_id
                                                          AND p.status = 'completed'
                        WHERE li.course_id = e.course_id) AS done
                FROM enrolment_view e JOIN course_view c ON c.id = e.course_id
                WHERE e.user_id = ? AND e.status = 'active'
                ORDER BY e.updated_at DESC, e.id""", (rs, n) -> new CourseInProgress(
                        rs.getObject("id", UUID.class), rs.getObject("course_id", UUID.class), rs.getString("title"),
                        rs.getInt("done"), rs.getInt("total"),
                        EnrolmentResponse.percent(rs.getInt("done"), rs.getInt("total")),
                        instant(rs.getTimestamp("enrolled_at")), instant(rs.getTimestamp("updated_at"))),
                query.userId());
    }

    @QueryHandler
    public List<CourseEnrolmentStats> handle(FindCourseEnrolmentStats query) {
        return jdbc.query("""
                SELECT c.id, c.title, c.status, count(e.id) AS enrolments,
                       count(e.id) FILTER (WHERE e.status = 'active') AS active,
                       count(e.id) FILTER (WHERE e.status = 'completed') AS completed,
                       count(e.id) FILTER (WHERE e.status = 'withdrawn') AS withdrawn
                FROM course_view c
                     LEFT JOIN (enrolment_view e JOIN user_view u ON u.id = e.user_id AND u.school_id = ?)
                            ON e.course_id = c.id
                WHERE (c.school_id = ? OR c.school_id IS NULL) AND c.status <> 'draft'
                GROUP BY c.id, c.title, c.status
                ORDER BY lower(c.title), c.id""", (rs, n) -> new CourseEnrolmentStats(rs.getObject("id", UUID.class),
                rs.getString("title"), rs.getString("status"), rs.getLong("enrolments"), rs.getLong("active"),
                rs.getLong("completed"), rs.getLong("withdrawn")), query.schoolId(), query.schoolId());
    }

    /**
     * ADMINs see every course; SCHOOL_ADMINs their school's and the global ones past draft; everyone
     * else the published ones of their school and the global ones.
     */
    static String visibility(CourseScope scope, List<Object> args) {
        if (scope.admin()) {
            return "TRUE";
        }
        args.add(scope.schoolId());
        if (scope.schoolAdmin()) {
            return "(c.school_id = ? OR c.school_id IS NULL AND c.status <> 'draft')";
        }
        return "(c.status = 'published' AND (c.school_id = ? OR c.school_id IS NULL))";
    }

    private static String where(CourseFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        conditions.add(visibility(filter.scope(), args));
        if (filter.status() != null) {
            conditions.add("c.status = ?");
            args.add(filter.status());
        }
        if (filter.globalOnly()) {
            conditions.add("c.school_id IS NULL");
        } else if (filter.school() != null) {
            conditions.add("c.school_id = ?");
            args.add(filter.school());
        }
        if (filter.gradeBand() != null) {
            conditions.add("c.grade_band = ?");
            args.add(filter.gradeBand());
        }
        if (filter.search() != null) {
            String pattern = "%" + filter.search().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            conditions.add("(c.title ILIKE ? OR c.description ILIKE ?)");
            args.add(pattern);
            args.add(pattern);
        }
        return " WHERE " + String.join(" AND ", conditions);
    }

    /** Teachers see their own enrolments, SCHOOL_ADMINs those of their school's users, ADMINs all. */
    private static String where(EnrolmentFilter filter, List<Object> args) {
        List<String> conditions = new ArrayList<>();
        CourseScope scope = filter.scope();
        if (scope.schoolAdmin()) {
            conditions.add("u.school_id = ?");
            args.add(scope.schoolId());
        } else if (!scope.admin()) {
            conditions.add("e.user_id = ?");
            args.add(scope.userId());
        }
        if (filter.user() != null) {
            conditions.add("e.user_id = ?");
            args.add(filter.user());
        }
        if (filter.course() != null) {
            conditions.add("e.course_id = ?");
            args.add(filter.course());
        }
        if (filter.status() != null) {
            conditions.add("e.status = ?");
            args.add(filter.status());
        }
        return " WHERE " + (conditions.isEmpty() ? "TRUE" : String.join(" AND ", conditions));
    }

    private static CourseResponse course(ResultSet rs) throws SQLException {
        return new CourseResponse(rs.getObject("id", UUID.class), rs.getString("title"), rs.getString("description"),
                rs.getString("grade_band"), rs.getObject("school_id", Long.class), rs.getString("status"), List.of(), 0,
                rs.getLong("created_by"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private static EnrolmentResponse enrolment(ResultSet rs) throws SQLException {
        return new EnrolmentResponse(rs.getObject("id", UUID.class), rs.getObject("course_id", UUID.class),
                rs.getString("course_title"), rs.getLong("user_id"), rs.getString("status"),
                rs.getLong("enrolled_by"), List.of(), 0, 0, null, instant(rs.getTimestamp("enrolled_at")),
                instant(rs.getTimestamp("completed_at")), instant(rs.getTimestamp("withdrawn_at")),
                instant(rs.getTimestamp("updated_at")));
    }

    private List<CourseResponse> withItems(List<CourseResponse> courses) {
        Map<UUID, List<CourseResponse.Item>> items = liveItems(courses.stream().map(CourseResponse::id).toList());
        return courses.stream().map(c -> {
            List<CourseResponse.Item> list = items.getOrDefault(c.id(), List.of());
            return new CourseResponse(c.id(), c.title(), c.description(), c.gradeBand(), c.school(), c.status(), list,
                    list.size(), c.createdBy(), c.createdAt(), c.updatedAt());
        }).toList();
    }

    /** The live items of each course in position order, numbered 1..n. */
    private Map<UUID, List<CourseResponse.Item>> liveItems(List<UUID> courseIds) {
        Map<UUID, List<CourseResponse.Item>> items = new HashMap<>();
        if (courseIds.isEmpty()) {
            return items;
        }
        jdbc.query("SELECT course_id, item_type, item_id, title FROM course_live_item WHERE course_id IN ("
                + placeholders(courseIds.size()) + ") ORDER BY course_id, position", rs -> {
            List<CourseResponse.Item> list = items.computeIfAbsent(rs.getObject("course_id", UUID.class),
                    id -> new ArrayList<>());
            list.add(new CourseResponse.Item(list.size() + 1, rs.getString("item_type"),
                    rs.getObject("item_id", UUID.class), rs.getString("title")));
        }, courseIds.toArray());
        return items;
    }

    private List<EnrolmentResponse> withProgress(List<EnrolmentResponse> enrolments) {
        if (enrolments.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<CourseResponse.Item>> items = liveItems(enrolments.stream().map(EnrolmentResponse::courseId)
                .distinct().toList());
        Map<UUID, Map<UUID, Instant[]>> progress = new HashMap<>();
        jdbc.query("SELECT enrolment_id, item_id, started_at, completed_at FROM enrolment_item_view "
                + "WHERE enrolment_id IN (" + placeholders(enrolments.size()) + ")", rs -> {
            progress.computeIfAbsent(rs.getObject("enrolment_id", UUID.class), id -> new HashMap<>())
                    .put(rs.getObject("item_id", UUID.class), new Instant[]{instant(rs.getTimestamp("started_at")),
                            instant(rs.getTimestamp("completed_at"))});
        }, enrolments.stream().map(EnrolmentResponse::id).toArray());
        return enrolments.stream().map(e -> {
            Map<UUID, Instant[]> own = progress.getOrDefault(e.id(), Map.of());
            List<EnrolmentResponse.Item> list = new ArrayList<>();
            int done = 0;
            for (CourseResponse.Item item : items.getOrDefault(e.courseId(), List.of())) {
                Instant[] times = own.get(item.id());
                Instant started = times == null ? null : times[0];
                Instant completed = times == null ? null : times[1];
                if (completed != null) {
                    done++;
                }
                list.add(new EnrolmentResponse.Item(item.id(), item.type(),
                        completed != null ? "completed" : started != null ? "started" : "not_started", started,
                        completed));
            }
            return new EnrolmentResponse(e.id(), e.courseId(), e.courseTitle(), e.userId(), e.status(),
                    e.enrolledBy(), list, done, list.size(), EnrolmentResponse.percent(done, list.size()),
                    e.enrolledAt(), e.completedAt(), e.withdrawnAt(), e.updatedAt());
        }).toList();
    }

    private static String placeholders(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
