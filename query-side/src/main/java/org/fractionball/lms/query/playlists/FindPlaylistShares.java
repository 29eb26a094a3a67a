package org.fractionball.lms.query.playlists;

import java.util.UUID;

/** The share links of one playlist, newest first. */
public record FindPlaylistShares(UUID playlistId) {
}
