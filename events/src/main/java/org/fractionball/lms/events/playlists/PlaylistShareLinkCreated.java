package org.fractionball.lms.events.playlists;

import java.util.UUID;

/**
 * Starts the share link's own stream, keyed by its token: it leads from a token to its playlist and
 * counts the link's views apart from the playlist's history.
 */
public record PlaylistShareLinkCreated(UUID shareToken, UUID shareId, UUID playlistId) {
}
