package org.fractionball.lms.events.playlists;

import java.util.UUID;

/** An item a playlist starts with (a duplicated playlist's copied items); its position is its index + 1. */
public record PlaylistEntry(UUID itemId, UUID videoId, String notes) {
}
