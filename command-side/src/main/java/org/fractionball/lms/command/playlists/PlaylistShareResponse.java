package org.fractionball.lms.command.playlists;

import java.time.Instant;
import java.util.UUID;

/** The contract's PlaylistShare (§3.10) with an absolute {@code share_url} (D21). */
public record PlaylistShareResponse(UUID id, UUID shareToken, UUID playlist, String playlistName, long createdBy,
                                    String createdByName, Instant expiresAt, boolean isActive, boolean isExpired,
                                    boolean isValid, long viewCount, Instant lastAccessed, String shareUrl,
                                    Instant createdAt, Instant updatedAt) {
}
