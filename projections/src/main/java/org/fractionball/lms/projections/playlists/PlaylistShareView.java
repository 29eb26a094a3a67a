package org.fractionball.lms.projections.playlists;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code playlist_share_view} with its playlist's name and its creator's full name (null when gone). */
public record PlaylistShareView(UUID id, UUID shareToken, UUID playlistId, String playlistName, long createdBy,
                                String createdByName, Instant expiresAt, boolean isActive, long viewCount,
                                Instant lastAccessed, Instant createdAt, Instant updatedAt) {
}
