package org.fractionball.lms.query.analytics;

import org.axonframework.queryhandling.QueryHandler;
import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.events.shared.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The teacher dashboard's figures (§5.13). Views, viewers, watch time, completion and downloads come
 * from the analytics projection's per-day tables and content and playlist counts from its counters:
 * "this month" is the 30 UTC days up to today and "this week" the last 7, so the answer changes once a
 * day, not every second. Only the lists (downloads, popular videos, quick links) read rows.
 */
@Component
public class AnalyticsQueries {
    static final int MONTH_DAYS = 30;
    static final int WEEK_DAYS = 7;

    private static final String FULL_NAME = "CASE WHEN u.id IS NULL THEN '' WHEN u.first_name <> '' "
            + "AND u.last_name <> '' THEN u.first_name || ' ' || u.last_name ELSE u.username END";
    /**
     * Month figures per published video of a school; {@code %s} narrows the videos (to an owner's), which
     * are read first, their days by primary key. Distinct viewers
     * are counted only for the videos that can make the list: those with at least as many views as the
     * last place (ties included), not for every video with views.
     */
    private static final String VIDEO_FIGURES = """
            WITH month AS (
                SELECT d.asset_id, sum(d.view_count) AS views, sum(d.total_watch_time) AS watch_time,
                       sum(d.completion_sum) AS completion_sum, sum(d.completion_count) AS completion_count,
                       c.created_at
                FROM content_view c JOIN daily_asset_stats d ON d.asset_id = c.id AND d.day >= ?
                WHERE c.kind = 'video' AND c.school_id = ? AND c.status = 'PUBLISHED' AND %s
                GROUP BY d.asset_id, c.created_at HAVING sum(d.view_count) > 0),
                 cut AS (SELECT views FROM month ORDER BY views DESC LIMIT 1 OFFSET ? - 1)
            SELECT m.asset_id, m.views, m.watch_time, m.completion_sum, m.completion_count,
                   (SELECT count(DISTINCT w.user_id) FROM daily_asset_viewer w
                    WHERE w.asset_id = m.asset_id AND w.day >= ?) AS unique_viewers
            FROM month m
            WHERE m.views >= coalesce((SELECT views FROM cut), 0)
            ORDER BY m.views DESC, unique_viewers DESC, m.created_at DESC, m.asset_id
            LIMIT ?""";
    private static final RowMapper<VideoAnalytics> VIDEO = (rs, n) -> new VideoAnalytics(
            rs.getObject("asset_id", UUID.class), rs.getLong("views"), rs.getLong("unique_viewers"),
            rs.getLong("watch_time"), rate(rs.getDouble("completion_sum"), rs.getLong("completion_count")));

    private final JdbcTemplate jdbc;

    public AnalyticsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @QueryHandler
    public SchoolDashboardFigures handle(FindSchoolDashboard query) {
        long school = query.schoolId();
        LocalDate today = LocalDate.ofInstant(query.now(), ZoneOffset.UTC);
        Date monthStart = Date.valueOf(today.minusDays(MONTH_DAYS - 1));
        Date weekStart = Date.valueOf(today.minusDays(WEEK_DAYS - 1));
        Timestamp weekAgo = Timestamp.from(query.now().minus(Duration.ofDays(WEEK_DAYS)));

        Map<String, Object> schoolStats = row("""
                SELECT coalesce(sum(items) FILTER (WHERE kind = 'video'), 0)::bigint AS total_videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'resource'), 0)::bigint AS total_resources,
                       (SELECT coalesce(sum(playlists), 0)::bigint FROM playlist_counter
                        WHERE school_id = ? AND is_public) AS total_playlists,
                       coalesce(sum(items) FILTER (WHERE kind = 'video' AND created_day >= ?), 0)::bigint
                           AS videos_this_week,
                       coalesce(sum(items) FILTER (WHERE kind = 'video' AND created_day >= ?), 0)::bigint
                           AS videos_this_month
                FROM content_counter WHERE school_id = ? AND status = 'PUBLISHED'""",
                school, weekStart, monthStart, school);
        List<VideoAnalytics> popular = jdbc.query(VIDEO_FIGURES.formatted("true"), VIDEO, monthStart, school, 5,
                monthStart, 5);
        List<UUID> byPlaylists = popular.isEmpty() ? jdbc.queryForList("""
                SELECT c.id FROM content_view c
                     LEFT JOIN LATERAL (SELECT count(*) AS n FROM playlist_item_view i WHERE i.video_id = c.id) p ON true
                WHERE c.kind = 'video' AND c.school_id = ? AND c.status = 'PUBLISHED'
                ORDER BY p.n DESC, c.created_at DESC, c.id LIMIT 5""", UUID.class, school) : List.of();

        List<Map<String, Object>> downloads = jdbc.query("""
                SELECT c.title, c.file_type, c.file_size, %s AS user_name, r.downloaded_at
                FROM resource_download_record r
                     JOIN content_view c ON c.kind = 'resource' AND c.id = r.resource_id
                     LEFT JOIN user_view u ON u.id = r.user_id
                WHERE r.school_id = ? AND r.downloaded_at > ?
                ORDER BY r.downloaded_at DESC, r.id LIMIT 5""".formatted(FULL_NAME), (rs, n) -> {
            Map<String, Object> download = new LinkedHashMap<>();
            download.put("resource_title", rs.getString("title"));
            ResourceFileType type = ResourceFileType.parse(rs.getString("file_type"));
            download.put("resource_type", type == null ? rs.getString("file_type") : type.display());
            download.put("user_name", rs.getString("user_name"));
            download.put("downloaded_at", rs.getTimestamp("downloaded_at").toInstant());
            download.put("file_size", ContentFormats.resourceFileSize(rs.getObject("file_size", Long.class)));
            return download;
        }, school, weekAgo);

        Map<String, Object> summary = new LinkedHashMap<>();
        Map<String, Object> month = row("""
                SELECT coalesce(sum(view_count), 0) AS views, coalesce(sum(download_count), 0) AS downloads
                FROM daily_school_stats WHERE school_id = ? AND day >= ?""", school, monthStart);
        long monthViews = ((Number) month.get("views")).longValue();
        summary.put("total_video_views", monthViews);
        summary.put("total_resource_downloads", ((Number) month.get("downloads")).longValue());
        List<Map<String, Object>> busiest = jdbc.query("""
                SELECT day, view_count FROM daily_school_stats
                WHERE school_id = ? AND day >= ? AND view_count > 0
                ORDER BY view_count DESC, day DESC LIMIT 1""", (rs, n) -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", rs.getDate("day").toLocalDate().toString());
            day.put("view_count", rs.getLong("view_count"));
            return day;
        }, school, weekStart);
        summary.put("most_active_day", busiest.isEmpty() ? null : busiest.get(0));
        long published = ((Number) schoolStats.get("total_videos")).longValue();
        summary.put("engagement_rate", published == 0 ? 0.0 : round2((double) monthViews / published));
        return new SchoolDashboardFigures(schoolStats, popular, byPlaylists, downloads, summary,
                dailyActivity(school, today));
    }

    @QueryHandler
    public UserDashboardFigures handle(FindUserDashboard query) {
        long user = query.userId();
        long school = query.schoolId();
        LocalDate today = LocalDate.ofInstant(query.now(), ZoneOffset.UTC);
        Date monthStart = Date.valueOf(today.minusDays(MONTH_DAYS - 1));
        Date weekStart = Date.valueOf(today.minusDays(WEEK_DAYS - 1));

        Map<String, Object> userInfo = new LinkedHashMap<>();
        jdbc.query("SELECT " + FULL_NAME + " AS name, u.role, s.name AS school FROM user_view u "
                + "LEFT JOIN school_view s ON s.id = u.school_id WHERE u.id = ?", rs -> {
            userInfo.put("name", rs.getString("name"));
            Role role = Role.parse(rs.getString("role"));
            userInfo.put("role", role == null ? rs.getString("role") : role.display());
            userInfo.put("school", rs.getString("school") == null ? "" : rs.getString("school"));
        }, user);
        Map<String, Object> userStats = row("""
                SELECT coalesce(sum(items) FILTER (WHERE kind = 'video'), 0)::bigint AS my_videos,
                       coalesce(sum(items) FILTER (WHERE kind = 'resource'), 0)::bigint AS my_resources,
                       (SELECT coalesce(sum(playlists), 0)::bigint FROM playlist_counter WHERE owner_id = ?)
                           AS my_playlists,
                       coalesce(sum(items) FILTER (WHERE kind = 'video' AND created_day >= ?), 0)::bigint
                           AS videos_uploaded_this_week
                FROM content_counter WHERE owner_id = ?""", user, weekStart, user);
        List<VideoAnalytics> myTop = jdbc.query(VIDEO_FIGURES.formatted("c.owner_id = ?"), VIDEO, monthStart,
                school, user, 3, monthStart, 3);
        return new UserDashboardFigures(userInfo, userStats, myTop, quickLinks(user));
    }

    /** Views and downloads of each of the month's 30 UTC days, oldest first, days without any included as zeros. */
    private List<Map<String, Object>> dailyActivity(long school, LocalDate today) {
        LocalDate first = today.minusDays(MONTH_DAYS - 1);
        return jdbc.query("""
                SELECT d.day::date AS day, coalesce(s.view_count, 0) AS views, coalesce(s.download_count, 0) AS downloads
                FROM generate_series(?::date, ?::date, interval '1 day') AS d(day)
                     LEFT JOIN daily_school_stats s ON s.school_id = ? AND s.day = d.day::date
                ORDER BY d.day""", (rs, n) -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("day", rs.getDate("day").toLocalDate().toString());
            day.put("views", rs.getLong("views"));
            day.put("downloads", rs.getLong("downloads"));
            return day;
        }, Date.valueOf(first), Date.valueOf(today), school);
    }

    /** Up to 3 distinct grades then up to 2 distinct topics of the caller's videos, each once (D11). */
    private List<Map<String, Object>> quickLinks(long user) {
        List<Map<String, Object>> links = new ArrayList<>();
        for (String grade : jdbc.queryForList("""
                SELECT grade FROM content_view WHERE kind = 'video' AND owner_id = ? AND grade <> ''
                GROUP BY grade ORDER BY grade LIMIT 3""", String.class, user)) {
            links.add(link("Grade " + grade + " Videos", "/api/library/videos/?grade=" + grade,
                    "Browse all Grade " + grade + " content"));
        }
        for (String topic : jdbc.queryForList("""
                SELECT topic FROM content_view WHERE kind = 'video' AND owner_id = ? AND topic <> ''
                GROUP BY topic ORDER BY topic LIMIT 2""", String.class, user)) {
            String display = Topic.display(topic);
            links.add(link(display, "/api/library/videos/?topic=" + topic, "Explore " + display + " resources"));
        }
        return links;
    }

    private static Map<String, Object> link(String title, String url, String description) {
        Map<String, Object> link = new LinkedHashMap<>();
        link.put("title", title);
        link.put("url", url);
        link.put("description", description);
        return link;
    }

    /** The mean completion fraction with 2 decimals, 0 when no view reported one. */
    static double rate(double sum, long count) {
        return count == 0 ? 0.0 : round2(sum / count);
    }

    /** Python's round(x, 2) on the binary value (§0.6): half-even on the exact decimal expansion. */
    static double round2(double value) {
        return new BigDecimal(value).setScale(2, RoundingMode.HALF_EVEN).doubleValue();
    }

    private Map<String, Object> row(String sql, Object... args) {
        return new LinkedHashMap<>(jdbc.queryForMap(sql, args));
    }
}
