package org.fractionball.lms.infrastructure.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.analytics.AnalyticsVersions;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The done-when test of the analytics: a scripted history of 37 views by 5 teachers of 3 videos over 3
 * UTC days (plus heartbeats and downloads) gives exactly the expected per-day rows and dashboard
 * figures, and rebuilding the analytics projection from the event store reproduces both.
 */
class TeacherDashboardIT extends AnalyticsApiSupport {
    @Autowired
    private EventProcessingConfiguration processing;
    @Autowired
    private AnalyticsVersions versions;

    /** The views of one video on one day: the viewing teachers' indexes, repeated for repeat views. */
    private record Day(int daysAgo, int... viewers) {
    }

    @Test
    void scriptedHistoryGivesExactFiguresAndARebuildReproducesThem() {
        long school = school(unique("dashboard") + ".edu");
        List<Account> teachers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            teachers.add(account(Role.TEACHER, school));
        }
        Account admin = account(Role.SCHOOL_ADMIN, school);
        Account owner = teachers.get(0);
        Instant now = now();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant created = now.minusSeconds(10 * 86_400);
        Item halves = publishedVideo(owner, admin, "Halves", "3", "number_line", created);
        Item quarters = publishedVideo(owner, admin, "Quarters", "4", "equivalent_fractions", created.plusSeconds(600));
        Item thirds = publishedVideo(teachers.get(1), admin, "Thirds", "5", "number_line", created.plusSeconds(1200));
        Item sheet = publishedResource(owner, admin, "Worksheet", 2_048L, created);

        // Halves: 3 + 4 + 5 = 12 views by all five; 60 s at 50 % each, one raised to 120 s at 100 %
        List<UUID> halvesViews = views(halves, teachers, now, 60, 0.5,
                new Day(2, 0, 1, 2), new Day(1, 0, 0, 1, 3), new Day(0, 0, 1, 2, 3, 4));
        progress(halvesViews.get(0), halves, teachers.get(0), 1, 120, 1.0, at(now, 2).plusSeconds(300));
        // Quarters: 5 + 4 + 2 = 11 views by four teachers, 30 s each, no completion reported
        views(quarters, teachers, now, 30, null,
                new Day(2, 1, 1, 1, 2, 2), new Day(1, 4, 4, 4, 4), new Day(0, 2, 3));
        // Thirds: 2 + 10 + 2 = 14 views by all five, 10 s each; the first 7 at 75 %, the other 7 at 25 %
        List<UUID> thirdsViews = views(thirds, teachers, now, 10, 0.75,
                new Day(2, 0, 0), new Day(1, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4), new Day(0, 3, 3));
        playlist(owner, "Fractions week", true, today(now, 900), halves, thirds);
        playlist(owner, "Drafts", false, today(now, 800));
        download(sheet, teachers.get(2), 2_048L, today(now, 60));
        download(sheet, teachers.get(3), 2_048L, today(now, 30));
        awaitProjections();
        assertThat(thirdsViews).hasSize(14);

        assertThat(dayRow(thirds, today.minusDays(1))).isEqualTo(Map.of("view_count", 10L, "unique_viewers", 5L,
                "total_watch_time", 100L, "completion_count", 10L, "download_count", 0L, "playlist_adds", 0L));
        assertThat(dayRow(thirds, today)).isEqualTo(Map.of("view_count", 2L, "unique_viewers", 1L,
                "total_watch_time", 20L, "completion_count", 2L, "download_count", 0L, "playlist_adds", 1L));
        assertThat(dayRow(halves, today.minusDays(2))).isEqualTo(Map.of("view_count", 3L, "unique_viewers", 3L,
                "total_watch_time", 240L, "completion_count", 3L, "download_count", 0L, "playlist_adds", 0L));
        assertThat(dayRow(quarters, today)).isEqualTo(Map.of("view_count", 2L, "unique_viewers", 2L,
                "total_watch_time", 60L, "completion_count", 0L, "download_count", 0L, "playlist_adds", 0L));
        assertThat(dayRow(sheet, today)).isEqualTo(Map.of("view_count", 0L, "unique_viewers", 0L,
                "total_watch_time", 0L, "completion_count", 0L, "download_count", 2L, "playlist_adds", 0L));

        JsonNode dashboard = ok("/api/dashboard/", owner);
        assertThat(analytics(dashboard.get("popular_content"))).containsExactly(
                "Thirds 14/5/0.5", "Halves 12/5/0.54", "Quarters 11/4/0.0");
        assertThat(dashboard.get("my_top_content").toString()).contains("\"total_watch_time\":780");
        assertThat(analytics(dashboard.get("my_top_content"))).containsExactly("Halves 12/5/0.54",
                "Quarters 11/4/0.0");
        assertThat(dashboard.get("analytics_summary").toString()).isEqualTo("{\"total_video_views\":37,"
                + "\"total_resource_downloads\":2,\"most_active_day\":{\"day\":\"" + today.minusDays(1)
                + "\",\"view_count\":18},\"engagement_rate\":12.33}");
        assertThat(dashboard.get("school_stats").toString()).isEqualTo("{\"total_videos\":3,\"total_resources\":1,"
                + "\"total_playlists\":1,\"videos_this_week\":0,\"videos_this_month\":3}");
        assertThat(dashboard.get("user_stats").toString()).isEqualTo("{\"my_videos\":2,\"my_resources\":1,"
                + "\"my_playlists\":2,\"videos_uploaded_this_week\":0}");
        assertThat(dashboard.get("my_playlists").findValuesAsText("name")).containsExactly("Drafts",
                "Fractions week");
        assertThat(dashboard.get("recent_downloads").size()).isEqualTo(2);
        assertThat(dashboard.get("recent_downloads").get(0).toString()).startsWith("{\"resource_title\":\"Worksheet\","
                + "\"resource_type\":\"PDF Document\",\"user_name\":\"Test TEACHER\",\"downloaded_at\":");
        assertThat(dashboard.get("quick_links").toString()).isEqualTo("[{\"title\":\"Grade 3 Videos\","
                + "\"url\":\"/api/library/videos/?grade=3\",\"description\":\"Browse all Grade 3 content\"},"
                + "{\"title\":\"Grade 4 Videos\",\"url\":\"/api/library/videos/?grade=4\","
                + "\"description\":\"Browse all Grade 4 content\"},{\"title\":\"Equivalent Fractions\","
                + "\"url\":\"/api/library/videos/?topic=equivalent_fractions\","
                + "\"description\":\"Explore Equivalent Fractions resources\"},{\"title\":\"Number Line\","
                + "\"url\":\"/api/library/videos/?topic=number_line\",\"description\":\"Explore Number Line resources\"}]");

        Map<String, String> before = checksums();
        long version = versions.current(school);
        TrackingEventProcessor processor = processing.eventProcessor(ProjectionNames.ANALYTICS,
                TrackingEventProcessor.class).orElseThrow();
        processor.shutDown();
        processor.resetTokens(processor.getMessageSource().createTailToken());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM daily_asset_stats", Long.class)).isZero();
        processor.start();
        awaitProjections();

        assertThat(checksums()).isEqualTo(before);
        assertThat(versions.current(school)).isGreaterThan(version);
        assertThat(withoutGeneratedAt(ok("/api/dashboard/", owner))).isEqualTo(withoutGeneratedAt(dashboard));
    }

    /**
     * Appends one view per listed viewer and day at {@code duration} seconds; completion is
     * {@code completion} for the first 7 views and, for a 0.75 start, 0.25 for the rest.
     */
    private List<UUID> views(Item video, List<Account> teachers, Instant now, int duration, Double completion,
                             Day... days) {
        List<UUID> ids = new ArrayList<>();
        for (Day day : days) {
            for (int viewer : day.viewers()) {
                Double value = completion != null && completion == 0.75 && ids.size() >= 7 ? Double.valueOf(0.25) : completion;
                ids.add(view(video, teachers.get(viewer), at(now, day.daysAgo()).plusSeconds(ids.size()), duration,
                        value));
            }
        }
        return ids;
    }

    /** Noon of the day {@code daysAgo} before today, or a few minutes ago for today. */
    /**
     * {@code secondsBefore} (under 1200) before now, or, when that is still yesterday (a run just
     * after midnight UTC), as long before 20 minutes into today: today's events stay today's, in order.
     */
    private static Instant today(Instant now, long secondsBefore) {
        Instant at = now.minusSeconds(secondsBefore);
        Instant startOfDay = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        return at.isBefore(startOfDay) ? startOfDay.plusSeconds(1200 - secondsBefore) : at;
    }

    private static Instant at(Instant now, int daysAgo) {
        if (daysAgo == 0) {
            return today(now, 600);
        }
        return LocalDate.ofInstant(now, ZoneOffset.UTC).minusDays(daysAgo).atTime(12, 0).toInstant(ZoneOffset.UTC);
    }

    private Map<String, Object> dayRow(Item item, LocalDate day) {
        return jdbc.queryForMap("""
                SELECT view_count, unique_viewers, total_watch_time, completion_count, download_count, playlist_adds
                FROM daily_asset_stats WHERE asset_id = ? AND day = ?""", item.id, java.sql.Date.valueOf(day));
    }

    /** "title views/unique/avg" of each dashboard video. */
    private static List<String> analytics(JsonNode videos) {
        List<String> shown = new ArrayList<>();
        videos.forEach(video -> shown.add(video.get("title").asText() + " "
                + video.get("analytics").get("views_30d").asLong() + "/"
                + video.get("analytics").get("unique_viewers_30d").asLong() + "/"
                + video.get("analytics").get("avg_completion_rate").asDouble()));
        return shown;
    }

    private static JsonNode withoutGeneratedAt(JsonNode dashboard) {
        ObjectNode copy = dashboard.deepCopy();
        copy.remove("generated_at");
        return copy;
    }

    private Map<String, String> checksums() {
        return Map.of(
                "video_view_session", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) "
                        + "FROM video_view_session t"),
                "resource_download_record", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), "
                        + "'')) FROM resource_download_record t"),
                "daily_asset_stats", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.asset_id, "
                        + "t.day), '')) FROM daily_asset_stats t"),
                "daily_asset_viewer", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.asset_id, "
                        + "t.day, t.user_id), '')) FROM daily_asset_viewer t"),
                "daily_school_stats", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.school_id, "
                        + "t.day), '')) FROM daily_school_stats t"),
                "content_counter", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.school_id, "
                        + "t.owner_id, t.kind, t.status, t.created_day, t.grade, t.topic, t.file_type, t.submitted_day, "
                        + "t.reviewed_day), '')) "
                        + "FROM content_counter t"),
                "playlist_counter", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.school_id, "
                        + "t.owner_id, t.is_public), '')) FROM playlist_counter t"),
                "user_counter", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.school_id, t.role, "
                        + "t.is_active, t.created_day, t.login_day), '')) FROM user_counter t"),
                "analytics_asset", checksum("SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) "
                        + "FROM analytics_asset t"));
    }

    private String checksum(String sql) {
        return jdbc.queryForObject(sql, String.class);
    }
}
