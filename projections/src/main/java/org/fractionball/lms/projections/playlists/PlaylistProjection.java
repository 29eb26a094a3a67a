package org.fractionball.lms.projections.playlists;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.playlists.PlaylistCreated;
import org.fractionball.lms.events.playlists.PlaylistDeleted;
import org.fractionball.lms.events.playlists.PlaylistDetailsChanged;
import org.fractionball.lms.events.playlists.PlaylistEntry;
import org.fractionball.lms.events.playlists.PlaylistItemAdded;
import org.fractionball.lms.events.playlists.PlaylistItemDropped;
import org.fractionball.lms.events.playlists.PlaylistItemRemoved;
import org.fractionball.lms.events.playlists.PlaylistReordered;
import org.fractionball.lms.events.playlists.PlaylistShareRevoked;
import org.fractionball.lms.events.playlists.PlaylistShareViewed;
import org.fractionball.lms.events.playlists.PlaylistShared;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code playlist_view}, {@code playlist_item_view} and {@code playlist_share_view}. Runs in
 * the processor's transaction together with its token, so each event is applied exactly once,
 * which the relative position shifts rely on. Stored positions follow the aggregate's; items of a
 * deleted video are removed here at once (the aggregate drops them with its next command) and the
 * query side numbers what remains 1..n. Rows of a playlist the read side no longer shows (its
 * owner or school was removed) are not written. Changes to a school's playlists raise its library
 * version, so cached library answers are not read again.
 */
@Component
@ProcessingGroup(ProjectionNames.PLAYLISTS)
public class PlaylistProjection {
    private final JdbcTemplate jdbc;
    private final LibraryVersions libraries;

    public PlaylistProjection(JdbcTemplate jdbc, LibraryVersions libraries) {
        this.jdbc = jdbc;
        this.libraries = libraries;
    }

    @EventHandler
    void on(PlaylistCreated event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO playlist_view (id, name, description, owner_id, school_id, is_public, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.playlistId(), event.name(), event.description(), event.ownerId(), event.schoolId(),
                event.isPublic(), time(at), time(at));
        List<PlaylistEntry> items = event.items();
        for (int i = 0; i < items.size(); i++) {
            insertItem(event.playlistId(), items.get(i).itemId(), items.get(i).videoId(), i + 1, items.get(i).notes(),
                    at);
        }
        libraries.bump(event.schoolId());
    }

    @EventHandler
    void on(PlaylistDetailsChanged event, @Timestamp Instant at) {
        List<Long> schools = jdbc.queryForList("""
                UPDATE playlist_view SET name = ?, description = ?, is_public = ?, updated_at = ?
                WHERE id = ? RETURNING school_id""", Long.class,
                event.name(), event.description(), event.isPublic(), time(at), event.playlistId());
        schools.forEach(libraries::bump);
    }

    @EventHandler
    void on(PlaylistDeleted event) {
        jdbc.update("DELETE FROM playlist_view WHERE id = ?", event.playlistId());
        libraries.bump(event.schoolId());
    }

    @EventHandler
    void on(PlaylistItemAdded event, @Timestamp Instant at) {
        jdbc.update("UPDATE playlist_item_view SET position = position + 1 WHERE playlist_id = ? AND position >= ?",
                event.playlistId(), event.position());
        insertItem(event.playlistId(), event.itemId(), event.videoId(), event.position(), event.notes(), at);
    }

    @EventHandler
    void on(PlaylistItemRemoved event) {
        removeItem(event.playlistId(), event.itemId(), event.position());
    }

    @EventHandler
    void on(PlaylistItemDropped event) {
        removeItem(event.playlistId(), event.itemId(), event.position());
    }

    @EventHandler
    void on(PlaylistReordered event) {
        jdbc.update("""
                UPDATE playlist_item_view i SET position = o.position
                FROM unnest(?::uuid[]) WITH ORDINALITY AS o(id, position)
                WHERE i.id = o.id AND i.playlist_id = ?""",
                event.itemIds().stream().map(UUID::toString).toArray(String[]::new), event.playlistId());
    }

    @EventHandler
    void on(PlaylistShared event, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO playlist_share_view (id, share_token, playlist_id, created_by, expires_at, is_active,
                                                 view_count, last_accessed, created_at, updated_at)
                SELECT ?, ?, p.id, ?, ?, TRUE, 0, NULL, ?, ? FROM playlist_view p WHERE p.id = ?
                ON CONFLICT (id) DO NOTHING""",
                event.shareId(), event.shareToken(), event.createdBy(),
                event.expiresAt() == null ? null : time(event.expiresAt()), time(at), time(at), event.playlistId());
    }

    @EventHandler
    void on(PlaylistShareRevoked event, @Timestamp Instant at) {
        jdbc.update("UPDATE playlist_share_view SET is_active = FALSE, updated_at = ? WHERE id = ?", time(at),
                event.shareId());
    }

    @EventHandler
    void on(PlaylistShareViewed event, @Timestamp Instant at) {
        jdbc.update("UPDATE playlist_share_view SET view_count = ?, last_accessed = ?, updated_at = ? WHERE id = ?",
                event.viewCount(), time(at), time(at), event.shareId());
    }

    /** A deleted video leaves every playlist at once. */
    @EventHandler
    void on(ContentDeleted event) {
        if (event.kind() == ContentKind.VIDEO) {
            jdbc.update("INSERT INTO playlist_deleted_video (video_id) VALUES (?) ON CONFLICT DO NOTHING",
                    event.contentId());
            jdbc.update("DELETE FROM playlist_item_view WHERE video_id = ?", event.contentId());
        }
    }

    /** Removing a user removes its playlists from the API, as the original's cascade did. */
    @EventHandler
    void on(UserRemoved event) {
        jdbc.queryForList("DELETE FROM playlist_view WHERE owner_id = ? RETURNING school_id", Long.class,
                event.userId()).stream().distinct().forEach(libraries::bump);
    }

    @EventHandler
    void on(SchoolDeleted event) {
        jdbc.update("DELETE FROM playlist_view WHERE school_id = ?", event.schoolId());
        libraries.bump(event.schoolId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE playlist_share_view, playlist_item_view, playlist_view, playlist_deleted_video");
    }

    private void insertItem(UUID playlistId, UUID itemId, UUID videoId, int position, String notes, Instant at) {
        jdbc.update("""
                INSERT INTO playlist_item_view (id, playlist_id, video_id, position, notes, created_at)
                SELECT ?, p.id, ?, ?, ?, ? FROM playlist_view p
                WHERE p.id = ? AND NOT EXISTS (SELECT 1 FROM playlist_deleted_video d WHERE d.video_id = ?)
                ON CONFLICT DO NOTHING""",
                itemId, videoId, position, notes, time(at), playlistId, videoId);
    }

    private void removeItem(UUID playlistId, UUID itemId, int position) {
        jdbc.update("DELETE FROM playlist_item_view WHERE id = ?", itemId);
        jdbc.update("UPDATE playlist_item_view SET position = position - 1 WHERE playlist_id = ? AND position > ?",
                playlistId, position);
    }

    private static java.sql.Timestamp time(Instant at) {
        return java.sql.Timestamp.from(at);
    }
}
