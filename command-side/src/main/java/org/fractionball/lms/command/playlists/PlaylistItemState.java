package org.fractionball.lms.command.playlists;

import java.time.Instant;
import java.util.UUID;

/** An item as the playlist holds it: its position is 1-based and positions are 1..n. */
public record PlaylistItemState(UUID itemId, UUID videoId, String notes, int position, Instant createdAt) {
}
