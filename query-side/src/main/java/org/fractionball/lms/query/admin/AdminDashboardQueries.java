package org.fractionball.lms.query.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The admin dashboard (§5.8) and school stats (§5.7): user, content and playlist figures from the
 * analytics projection's counters ("recent" by UTC day: the last 7 or 30 days up to today), schools
 * and the audit log from their read tables. Each relation is counted on its own, so no join
 * multiplies another (fixing D13).
 */
@Component
public class AdminDashboardQueries {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The first excluded day of "the last N days": the counters keep UTC days. */
    private static final String DAYS_AGO = "(now() AT TIME ZONE 'UTC')::date - %d";

    private final JdbcTemplate jdbc;

    public AdminDashboardQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public Figures handle(FindAdminDashboard query) {
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("platform_stats", row("""
                SELECT count(*) AS total_schools, count(*) FILTER (WHERE is_active) AS active_schools
                FROM school_view"""));
        dashboard.put("user_stats", row("""
                SELECT coalesce(sum(users), 0)::bigint AS total_users,
                       coalesce(sum(users) FILTER (WHERE is_active), 0)::bigint AS active_users,
                       coalesce(sum(users) FILTER (WHERE role = 'ADMIN'), 0)::bigint AS system_admins,
                       coalesce(sum(users) FILTER (WHERE role = 'SCHOOL_ADMIN'), 0)::bigint AS school_admins,
                       coalesce(sum(users) FILTER (WHERE role = 'TEACHER'), 0)::bigint AS teachers
                FROM user_counter"""));
        Map<String, Object> content = row("""
                SELECT coalesce(sum(items) FILTER (WHERE kind = 'video'), 0)::bigint AS total_videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'video' AND status = 'PUBLISHED'), 0)::bigint
                           AS published_videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'video' AND status = 'PENDING'), 0)::bigint
                           AS pending_videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'resource'), 0)::bigint AS total_resources,
                       (SELECT coalesce(sum(playlists), 0)::bigint FROM playlist_counter) AS total_playlists
                FROM content_counter""");
        dashboard.put("content_stats", content);
        Map<String, Object> recent = new LinkedHashMap<>();
        recent.put("new_users", count("SELECT coalesce(sum(users), 0)::bigint FROM user_counter "
                + "WHERE created_day > " + DAYS_AGO.formatted(7)));
        recent.put("new_videos", count("SELECT coalesce(sum(items), 0)::bigint FROM content_counter WHERE kind = 'video' "
                + "AND created_day > " + DAYS_AGO.formatted(7)));
        recent.put("recent_logins", count("SELECT coalesce(sum(users), 0)::bigint FROM user_counter "
                + "WHERE login_day > " + DAYS_AGO.formatted(7)));
        dashboard.put("recent_activity", recent);
        dashboard.put("top_schools", jdbc.queryForList("""
                SELECT s.id, s.name, s.domain,
                       (SELECT coalesce(sum(c.items), 0)::bigint FROM content_counter c
                        WHERE c.kind = 'video' AND c.school_id = s.id) AS video_count,
                       (SELECT coalesce(sum(u.users), 0)::bigint FROM user_counter u WHERE u.school_id = s.id)
                           AS user_count
                FROM school_view s WHERE s.is_active
                ORDER BY video_count DESC, user_count DESC, s.name, s.id LIMIT 5"""));
        dashboard.put("recent_audit_logs", jdbc.query("""
                SELECT a.action, a.actor_uid, u.first_name, u.last_name, u.username, a.created_at, a.metadata
                FROM audit_log_view a LEFT JOIN user_view u ON u.id = a.actor_id
                ORDER BY a.created_at DESC, a.event_id LIMIT 10""", (rs, n) -> {
            Map<String, Object> log = new LinkedHashMap<>();
            log.put("action", label(rs.getString("action")));
            log.put("user", actorName(rs.getString("first_name"), rs.getString("last_name"), rs.getString("username"),
                    rs.getString("actor_uid")));
            log.put("created_at", rs.getTimestamp("created_at").toInstant());
            log.put("metadata", parse(rs.getString("metadata")));
            return log;
        }));
        dashboard.put("generated_at", GeneratedAt.now());
        return new Figures(dashboard);
    }

    @QueryHandler
    public Figures handle(FindSchoolStats query) {
        long school = query.schoolId();
        // one pass over each counter table: the school's rows feed both its totals and its 30-day activity
        Map<String, Object> users = row("""
                SELECT coalesce(sum(users), 0)::bigint AS total_users,
                       coalesce(sum(users) FILTER (WHERE is_active), 0)::bigint AS active_users,
                       coalesce(sum(users) FILTER (WHERE role = 'TEACHER'), 0)::bigint AS teachers,
                       coalesce(sum(users) FILTER (WHERE role = 'SCHOOL_ADMIN'), 0)::bigint AS school_admins,
                       coalesce(sum(users) FILTER (WHERE login_day > %s), 0)::bigint AS recent_logins
                FROM user_counter WHERE school_id = ?""".formatted(DAYS_AGO.formatted(30)), school);
        Map<String, Object> content = row("""
                SELECT coalesce(sum(items) FILTER (WHERE kind = 'video'), 0)::bigint AS total_videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'video' AND status = 'PUBLISHED'), 0)::bigint
                           AS published_videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'resource'), 0)::bigint AS total_resources,
                       (SELECT coalesce(sum(playlists), 0)::bigint FROM playlist_counter WHERE school_id = ?)
                           AS total_playlists,
                       coalesce(sum(items) FILTER (WHERE kind = 'video' AND created_day > %s), 0)::bigint
                           AS recent_videos
                FROM content_counter WHERE school_id = ?""".formatted(DAYS_AGO.formatted(30)), school, school);
        Map<String, Object> activity = new LinkedHashMap<>();
        activity.put("recent_videos", content.remove("recent_videos"));
        activity.put("recent_logins", users.remove("recent_logins"));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("user_stats", users);
        stats.put("content_stats", content);
        stats.put("activity_stats", activity);
        return new Figures(stats);
    }

    /** Action codes shown with a label (every code has one, fixing D26): {@code USER_LOGIN} → "User Login". */
    static String label(String action) {
        return Arrays.stream(action.split("_"))
                .map(word -> word.charAt(0) + word.substring(1).toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(" "));
    }

    private static String actorName(String first, String last, String username, String uid) {
        if (username == null) {
            return uid == null ? "" : uid;
        }
        return first != null && !first.isEmpty() && last != null && !last.isEmpty() ? first + " " + last : username;
    }

    private Map<String, Object> row(String sql, Object... args) {
        return new LinkedHashMap<>(jdbc.queryForMap(sql, args));
    }

    private long count(String sql, Object... args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException corrupt) {
            throw new IllegalStateException("audit_log_view holds invalid JSON", corrupt);
        }
    }
}
