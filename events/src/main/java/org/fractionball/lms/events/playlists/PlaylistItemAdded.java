package org.fractionball.lms.events.playlists;

import java.util.UUID;

/**
 * A published video of the school was inserted at {@code position} (1-based); the items from that
 * position on moved one down, so positions stay 1..n without gaps.
 */
public record PlaylistItemAdded(UUID playlistId, String playlistName, UUID itemId, UUID videoId, String videoTitle,
                                String notes, int position) {
}
