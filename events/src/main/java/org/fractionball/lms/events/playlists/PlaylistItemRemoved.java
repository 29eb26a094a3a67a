package org.fractionball.lms.events.playlists;

import java.util.UUID;

/** The owner or a school admin removed the item at {@code position}; the items after it moved up one. */
public record PlaylistItemRemoved(UUID playlistId, String playlistName, UUID itemId, UUID videoId, String videoTitle,
                                  int position) {
}
