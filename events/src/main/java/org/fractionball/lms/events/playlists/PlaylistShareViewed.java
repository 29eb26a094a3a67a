package org.fractionball.lms.events.playlists;

import java.util.UUID;

/** Someone opened a valid share link; {@code viewCount} is the link's total views including this one. */
public record PlaylistShareViewed(UUID shareToken, UUID shareId, UUID playlistId, long viewCount) {
}
