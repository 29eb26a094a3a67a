package org.fractionball.lms.events.playlists;

import java.util.UUID;

/** The share link no longer works (it stays listed, inactive). */
public record PlaylistShareRevoked(UUID playlistId, String playlistName, UUID shareId, UUID shareToken) {
}
