package org.fractionball.lms.projections.analytics;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.analytics.VideoViewProgressed;
import org.fractionball.lms.events.analytics.VideoViewStarted;
import org.fractionball.lms.events.content.ResourceDownloaded;
import org.fractionball.lms.events.playlists.PlaylistItemAdded;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Keeps the view sessions, downloads and per-day statistics (fixing D28: maintained as events
 * arrive, no nightly job). A view counts on the UTC day it started; its heartbeats add their watch
 * time and completion to that day as differences from the session's row. Runs in one segment
 * (shared per-day rows) in the processor's transaction with its token, so no event is counted
 * twice. Every change raises the school's analytics version (cached dashboards). Assets' schools come
 * from {@link CountersProjection}'s {@code analytics_asset}, kept in the same processor.
 */
@Component
@ProcessingGroup(ProjectionNames.ANALYTICS)
public class AnalyticsProjection {
    private final JdbcTemplate jdbc;
    private final AnalyticsVersions versions;

    public AnalyticsProjection(JdbcTemplate jdbc, AnalyticsVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    @EventHandler
    void on(VideoViewStarted event, @Timestamp Instant at) {
        int inserted = jdbc.update("""
                INSERT INTO video_view_session (id, video_id, user_id, school_id, session_id, duration_watched,
                                                completion_percentage, referrer, viewed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.viewId(), event.videoId(), event.userId(), event.schoolId(), event.sessionId(),
                event.durationWatched(), event.completionPercentage(), event.referrer(), time(at));
        if (inserted == 0) {
            return;
        }
        LocalDate day = day(at);
        int newViewer = jdbc.update("""
                INSERT INTO daily_asset_viewer (asset_id, day, user_id) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""", event.videoId(), day, event.userId());
        Double completion = event.completionPercentage();
        jdbc.update("""
                INSERT INTO daily_asset_stats AS s (asset_id, day, kind, school_id, view_count, unique_viewers,
                                                    total_watch_time, completion_sum, completion_count)
                VALUES (?, ?, 'video', ?, 1, ?, ?, ?, ?)
                ON CONFLICT (asset_id, day) DO UPDATE SET view_count = s.view_count + 1,
                    unique_viewers = s.unique_viewers + excluded.unique_viewers,
                    total_watch_time = s.total_watch_time + excluded.total_watch_time,
                    completion_sum = s.completion_sum + excluded.completion_sum,
                    completion_count = s.completion_count + excluded.completion_count""",
                event.videoId(), day, event.schoolId(), newViewer, orZero(event.durationWatched()),
                completion == null ? 0 : completion, completion == null ? 0 : 1);
        schoolDay(event.schoolId(), day, 1, 0);
        versions.bump(event.schoolId());
    }

    @EventHandler
    void on(VideoViewProgressed event) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT duration_watched, completion_percentage, (viewed_at AT TIME ZONE 'UTC')::date AS day
                FROM video_view_session WHERE id = ? FOR UPDATE""", event.viewId());
        if (rows.isEmpty()) {
            return;
        }
        Map<String, Object> view = rows.get(0);
        Number oldDuration = (Number) view.get("duration_watched");
        Number oldCompletion = (Number) view.get("completion_percentage");
        long addedTime = orZero(event.durationWatched()) - (oldDuration == null ? 0 : oldDuration.longValue());
        double newCompletion = event.completionPercentage() == null ? 0 : event.completionPercentage();
        double addedCompletion = newCompletion - (oldCompletion == null ? 0 : oldCompletion.doubleValue());
        int addedReports = oldCompletion == null && event.completionPercentage() != null ? 1 : 0;
        jdbc.update("UPDATE video_view_session SET duration_watched = ?, completion_percentage = ? WHERE id = ?",
                event.durationWatched(), event.completionPercentage(), event.viewId());
        jdbc.update("""
                UPDATE daily_asset_stats SET total_watch_time = total_watch_time + ?,
                    completion_sum = completion_sum + ?, completion_count = completion_count + ?
                WHERE asset_id = ? AND day = ?""",
                addedTime, addedCompletion, addedReports, event.videoId(), view.get("day"));
        versions.bump(event.schoolId());
    }

    @EventHandler
    void on(ResourceDownloaded event, @Timestamp Instant at) {
        int inserted = jdbc.update("""
                INSERT INTO resource_download_record (id, resource_id, user_id, school_id, file_size, downloaded_at)
                VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.downloadId(), event.resourceId(), event.userId(), event.schoolId(), event.fileSize(), time(at));
        if (inserted == 0) {
            return;
        }
        LocalDate day = day(at);
        jdbc.update("""
                INSERT INTO daily_asset_stats AS s (asset_id, day, kind, school_id, download_count)
                VALUES (?, ?, 'resource', ?, 1)
                ON CONFLICT (asset_id, day) DO UPDATE SET download_count = s.download_count + 1""",
                event.resourceId(), day, event.schoolId());
        schoolDay(event.schoolId(), day, 0, 1);
        versions.bump(event.schoolId());
    }

    @EventHandler
    void on(PlaylistItemAdded event, @Timestamp Instant at) {
        List<Long> schools = jdbc.queryForList("SELECT school_id FROM analytics_asset WHERE id = ?", Long.class,
                event.videoId());
        if (schools.isEmpty()) {
            return;
        }
        jdbc.update("""
                INSERT INTO daily_asset_stats AS s (asset_id, day, kind, school_id, playlist_adds)
                VALUES (?, ?, 'video', ?, 1)
                ON CONFLICT (asset_id, day) DO UPDATE SET playlist_adds = s.playlist_adds + 1""",
                event.videoId(), day(at), schools.get(0));
        versions.bump(schools.get(0));
    }

    /** Versions are not reset (see {@link AnalyticsVersions}). */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE video_view_session, resource_download_record, daily_asset_stats, daily_asset_viewer, "
                + "daily_school_stats");
    }

    private void schoolDay(long schoolId, LocalDate day, int views, int downloads) {
        jdbc.update("""
                INSERT INTO daily_school_stats AS s (school_id, day, view_count, download_count) VALUES (?, ?, ?, ?)
                ON CONFLICT (school_id, day) DO UPDATE SET view_count = s.view_count + excluded.view_count,
                    download_count = s.download_count + excluded.download_count""",
                schoolId, day, views, downloads);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    private static java.sql.Timestamp time(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static long orZero(Integer value) {
        return value == null ? 0 : value;
    }
}
