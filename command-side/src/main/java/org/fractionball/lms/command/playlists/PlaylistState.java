package org.fractionball.lms.command.playlists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A playlist as its aggregate holds it after a command; items in position order. */
public record PlaylistState(UUID playlistId, String name, String description, long ownerId, long schoolId,
                            boolean isPublic, List<PlaylistItemState> items, Instant createdAt, Instant updatedAt) {
}
