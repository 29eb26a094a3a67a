package org.fractionball.lms.projections.playlists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A row of {@code playlist_view} with the names the API shows (null when the user or school is
 * gone from the accounts tables) and its items numbered 1..n.
 */
public record PlaylistView(UUID id, String name, String description, long ownerId, String ownerName, long schoolId,
                           String schoolName, boolean isPublic, List<PlaylistItemView> items, Instant createdAt,
                           Instant updatedAt) {

    public PlaylistView {
        items = List.copyOf(items);
    }
}
