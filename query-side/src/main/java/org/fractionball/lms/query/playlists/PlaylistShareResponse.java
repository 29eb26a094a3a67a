package org.fractionball.lms.query.playlists;

import org.fractionball.lms.projections.playlists.PlaylistShareView;

import java.time.Instant;
import java.util.UUID;

/** The contract's PlaylistShare (§3.10) with an absolute {@code share_url} (D21). */
public record PlaylistShareResponse(UUID id, UUID shareToken, UUID playlist, String playlistName, long createdBy,
                                    String createdByName, Instant expiresAt, boolean isActive, boolean isExpired,
                                    boolean isValid, long viewCount, Instant lastAccessed, String shareUrl,
                                    Instant createdAt, Instant updatedAt) {

    public static PlaylistShareResponse of(PlaylistShareView share, String shareUrl, Instant now) {
        boolean expired = share.expiresAt() != null && now.isAfter(share.expiresAt());
        return new PlaylistShareResponse(share.id(), share.shareToken(), share.playlistId(), share.playlistName(),
                share.createdBy(), share.createdByName() == null ? "" : share.createdByName(), share.expiresAt(),
                share.isActive(), expired, share.isActive() && !expired, share.viewCount(), share.lastAccessed(),
                shareUrl, share.createdAt(), share.updatedAt());
    }
}
