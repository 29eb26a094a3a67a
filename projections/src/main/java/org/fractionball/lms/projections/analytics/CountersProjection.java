package org.fractionball.lms.projections.analytics;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistDeleted;
import org.fractionball.lms.events.playlists.PlaylistDetailsChanged;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dashboards' counters: live videos and resources per school, owner, kind, status, creation,
 * submission and review day, grade, topic and file type ({@code content_counter}), playlists per school, owner and visibility ({@code playlist_counter}).
 * Each item's own row ({@code analytics_asset}, {@code analytics_playlist}) says which counter it is in,
 * so a transition moves it from one counter to another. Deletions follow the content and playlist
 * projections: a removed user's or deleted school's items leave with them.
 */
@Component
@ProcessingGroup(ProjectionNames.ANALYTICS)
public class CountersProjection {
    private final JdbcTemplate jdbc;
    private final AnalyticsVersions versions;

    public CountersProjection(JdbcTemplate jdbc, AnalyticsVersions versions) {
        this.jdbc = jdbc;
        this.versions = versions;
    }

    @EventHandler
    void on(ContentCreated event, @Timestamp Instant at) {
        ContentDetails details = event.details();
        int inserted = jdbc.update("""
                INSERT INTO analytics_asset (id, kind, school_id, owner_id, status, created_day, grade, topic, file_type)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.contentId(), event.kind().category(), event.schoolId(), event.ownerId(),
                ContentStatus.DRAFT.name(), day(at), orEmpty(details.grade()),
                orEmpty(details.topic()), orEmpty(details.fileType()));
        if (inserted == 1) {
            count(event.contentId(), 1);
        }
    }

    /** Grade, topic and file type are counted by: an edit moves the item to the counter of its new values. */
    @EventHandler
    void on(ContentDetailsChanged event) {
        ContentDetails details = event.details();
        List<Map<String, Object>> rows = jdbc.queryForList("SELECT grade, topic, file_type FROM analytics_asset "
                + "WHERE id = ?", event.contentId());
        if (rows.isEmpty() || rows.get(0).equals(Map.of("grade", orEmpty(details.grade()), "topic",
                orEmpty(details.topic()), "file_type", orEmpty(details.fileType())))) {
            return;
        }
        move(event.contentId(), "grade = ?, topic = ?, file_type = ?", orEmpty(details.grade()),
                orEmpty(details.topic()), orEmpty(details.fileType()));
    }

    @EventHandler
    void on(ContentSubmittedForReview event, @Timestamp Instant at) {
        move(event.contentId(), "status = ?, submitted_day = ?", ContentStatus.PENDING.name(), day(at));
    }

    @EventHandler
    void on(ContentApproved event, @Timestamp Instant at) {
        move(event.contentId(), "status = ?, reviewed_day = ?", ContentStatus.PUBLISHED.name(), day(at));
    }

    @EventHandler
    void on(ContentRejected event, @Timestamp Instant at) {
        move(event.contentId(), "status = ?, reviewed_day = ?", ContentStatus.REJECTED.name(), day(at));
    }

    @EventHandler
    void on(ContentReturnedToDraft event) {
        move(event.contentId(), "status = ?, submitted_day = NULL, reviewed_day = NULL", ContentStatus.DRAFT.name());
    }

    @EventHandler
    void on(ContentDeleted event) {
        removeContent("id = ?", event.contentId());
    }

    @EventHandler
    void on(UserRemoved event) {
        removeContent("owner_id = ?", event.userId());
        removePlaylists("owner_id = ?", event.userId());
    }

    @EventHandler
    void on(SchoolDeleted event) {
        removeContent("school_id = ?", event.schoolId());
        removePlaylists("school_id = ?", event.schoolId());
    }

    @EventHandler
    void on(PlaylistCreated event) {
        int inserted = jdbc.update("""
                INSERT INTO analytics_playlist (id, school_id, owner_id, is_public) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""", event.playlistId(), event.schoolId(), event.ownerId(),
                event.isPublic());
        if (inserted == 1) {
            countPlaylist(event.schoolId(), event.ownerId(), event.isPublic(), 1);
        }
    }

    @EventHandler
    void on(PlaylistDetailsChanged event) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT school_id, owner_id, is_public FROM analytics_playlist WHERE id = ?", event.playlistId());
        if (rows.isEmpty() || (Boolean) rows.get(0).get("is_public") == event.isPublic()) {
            return;
        }
        long school = ((Number) rows.get(0).get("school_id")).longValue();
        long owner = ((Number) rows.get(0).get("owner_id")).longValue();
        jdbc.update("UPDATE analytics_playlist SET is_public = ? WHERE id = ?", event.isPublic(), event.playlistId());
        countPlaylist(school, owner, !event.isPublic(), -1);
        countPlaylist(school, owner, event.isPublic(), 1);
    }

    @EventHandler
    void on(PlaylistDeleted event) {
        removePlaylists("id = ?", event.playlistId());
    }

    /** Versions are not reset (see {@link AnalyticsVersions}). */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE analytics_asset, content_counter, analytics_playlist, playlist_counter");
    }

    /** Moves the item from its counter to the one of its changed columns ({@code assignments}). */
    private void move(UUID contentId, String assignments, Object... values) {
        if (count(contentId, -1)) {
            Object[] args = new Object[values.length + 1];
            System.arraycopy(values, 0, args, 0, values.length);
            args[values.length] = contentId;
            jdbc.update("UPDATE analytics_asset SET " + assignments + " WHERE id = ?", args);
            count(contentId, 1);
        }
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Adds {@code delta} to the counter the item is in now; false when there is no such item. */
    private boolean count(UUID contentId, int delta) {
        List<Long> schools = jdbc.queryForList("""
                INSERT INTO content_counter AS c (school_id, owner_id, kind, status, created_day, grade, topic,
                                                  file_type, submitted_day, reviewed_day, items)
                SELECT school_id, owner_id, kind, status, created_day, grade, topic, file_type, submitted_day,
                       reviewed_day, ?
                FROM analytics_asset WHERE id = ?
                ON CONFLICT (school_id, owner_id, kind, status, created_day, grade, topic, file_type, submitted_day,
                             reviewed_day)
                DO UPDATE SET items = c.items + excluded.items
                RETURNING school_id""", Long.class, delta, contentId);
        schools.forEach(versions::bump);
        return !schools.isEmpty();
    }

    private void removeContent(String condition, Object value) {
        List<Long> schools = jdbc.queryForList("""
                WITH gone AS (DELETE FROM analytics_asset WHERE %s
                              RETURNING school_id, owner_id, kind, status, created_day, grade, topic, file_type,
                                        submitted_day, reviewed_day)
                UPDATE content_counter c SET items = c.items - g.items
                FROM (SELECT school_id, owner_id, kind, status, created_day, grade, topic, file_type, submitted_day,
                             reviewed_day, count(*) AS items
                      FROM gone GROUP BY school_id, owner_id, kind, status, created_day, grade, topic, file_type,
                                         submitted_day, reviewed_day) g
                WHERE c.school_id = g.school_id AND c.owner_id = g.owner_id AND c.kind = g.kind
                      AND c.status = g.status AND c.created_day = g.created_day AND c.grade = g.grade
                      AND c.topic = g.topic AND c.file_type = g.file_type
                      AND c.submitted_day IS NOT DISTINCT FROM g.submitted_day
                      AND c.reviewed_day IS NOT DISTINCT FROM g.reviewed_day
                RETURNING c.school_id""".formatted(condition), Long.class, value);
        schools.stream().distinct().forEach(versions::bump);
    }

    private void removePlaylists(String condition, Object value) {
        List<Long> schools = jdbc.queryForList("""
                WITH gone AS (DELETE FROM analytics_playlist WHERE %s RETURNING school_id, owner_id, is_public)
                UPDATE playlist_counter c SET playlists = c.playlists - g.playlists
                FROM (SELECT school_id, owner_id, is_public, count(*) AS playlists FROM gone
                      GROUP BY school_id, owner_id, is_public) g
                WHERE c.school_id = g.school_id AND c.owner_id = g.owner_id AND c.is_public = g.is_public
                RETURNING c.school_id""".formatted(condition), Long.class, value);
        schools.stream().distinct().forEach(versions::bump);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private void countPlaylist(long school, long owner, boolean isPublic, int delta) {
        jdbc.update("""
                INSERT INTO playlist_counter AS c (school_id, owner_id, is_public, playlists) VALUES (?, ?, ?, ?)
                ON CONFLICT (school_id, owner_id, is_public) DO UPDATE SET playlists = c.playlists + excluded.playlists""",
                school, owner, isPublic, delta);
        versions.bump(school);
    }
}
