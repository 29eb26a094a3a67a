package org.fractionball.lms.events.playlists;

import java.util.UUID;

/**
 * The item at {@code position} left the playlist because its video was deleted; the items after it
 * moved up one. Not audited: the video's deletion is.
 */
public record PlaylistItemDropped(UUID playlistId, UUID itemId, UUID videoId, int position) {
}
