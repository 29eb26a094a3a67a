package org.fractionball.lms.events.playlists;

import java.util.UUID;

/** The owner or a school admin changed the playlist's name, description or publicity (new values). */
public record PlaylistDetailsChanged(UUID playlistId, String name, String description, boolean isPublic) {
}
