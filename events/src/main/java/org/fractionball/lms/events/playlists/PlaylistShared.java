package org.fractionball.lms.events.playlists;

import java.time.Instant;
import java.util.UUID;

/** A new share link: anyone holding {@code shareToken} may view the playlist until {@code expiresAt} (null: never). */
public record PlaylistShared(UUID playlistId, String playlistName, UUID shareId, UUID shareToken, long createdBy,
                             Instant expiresAt) {
}
