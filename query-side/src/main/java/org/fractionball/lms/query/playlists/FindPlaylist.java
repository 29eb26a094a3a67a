package org.fractionball.lms.query.playlists;

import java.util.UUID;

/** One playlist with its items, whoever may see it (visibility is the endpoint's). */
public record FindPlaylist(UUID playlistId) {
}
