package org.fractionball.lms.events.playlists;

import java.util.List;
import java.util.UUID;

/** The items now stand in this order: every item of the playlist exactly once, position = index + 1. */
public record PlaylistReordered(UUID playlistId, String playlistName, List<UUID> itemIds) {

    public PlaylistReordered {
        itemIds = List.copyOf(itemIds);
    }
}
