package org.fractionball.lms.events.playlists;

import java.util.List;
import java.util.UUID;

/**
 * A playlist was created by its owner in the owner's school. {@code copiedFrom} names the playlist
 * it was duplicated from through a share link (null otherwise); {@code items} are the copied
 * items in order (empty for a new playlist).
 */
public record PlaylistCreated(UUID playlistId, String name, String description, long ownerId, long schoolId,
                              boolean isPublic, UUID copiedFrom, List<PlaylistEntry> items) {

    public PlaylistCreated {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
