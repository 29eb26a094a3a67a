package org.fractionball.lms.command.playlists;

import java.time.Instant;
import java.util.UUID;

/** The contract's PlaylistItem (§3.9); {@code video_duration} is the video's {@code duration_formatted}. */
public record PlaylistItemResponse(UUID id, UUID videoAsset, String videoTitle, String videoDuration, int order,
                                   String notes, Instant createdAt) {
}
