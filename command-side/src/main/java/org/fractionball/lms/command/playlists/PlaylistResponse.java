package org.fractionball.lms.command.playlists;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's Playlist (§3.9), fields in contract order. */
public record PlaylistResponse(UUID id, String name, String description, long owner, String ownerName, long school,
                               String schoolName, boolean isPublic, int videoCount, String totalDurationFormatted,
                               List<PlaylistItemResponse> items, Instant createdAt, Instant updatedAt) {
}
