package org.fractionball.lms.projections.playlists;

import java.time.Instant;
import java.util.UUID;

/**
 * An item as clients see it: {@code order} 1..n over the items shown, the video's title and
 * duration from {@code content_view} (null when the video is not there).
 */
public record PlaylistItemView(UUID id, UUID videoId, String videoTitle, Integer videoDuration, int order,
                               String notes, Instant createdAt) {
}
