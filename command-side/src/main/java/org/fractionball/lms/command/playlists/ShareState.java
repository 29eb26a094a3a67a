package org.fractionball.lms.command.playlists;

import java.time.Instant;
import java.util.UUID;

/** A share link: the playlist's record of it plus the views its own stream counts. */
public record ShareState(UUID shareId, UUID shareToken, UUID playlistId, String playlistName, long createdBy,
                         Instant expiresAt, boolean active, long viewCount, Instant lastAccessed, Instant createdAt,
                         Instant updatedAt) {

    public boolean isExpired(Instant now) {
        return expiresAt != null && now.isAfter(expiresAt);
    }

    public boolean isValid(Instant now) {
        return active && !isExpired(now);
    }

    ShareState withViews(long views, Instant lastViewedAt) {
        Instant touched = lastViewedAt != null && lastViewedAt.isAfter(updatedAt) ? lastViewedAt : updatedAt;
        return new ShareState(shareId, shareToken, playlistId, playlistName, createdBy, expiresAt, active, views,
                lastViewedAt, createdAt, touched);
    }
}
