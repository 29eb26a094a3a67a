package org.fractionball.lms.events.analytics;

import java.util.UUID;

/**
 * A user started watching a video in a session (contract §5.16): the first call of the session. Its
 * later heartbeats are {@link VideoViewProgressed} on the same view. {@code durationWatched} (seconds)
 * and {@code completionPercentage} (0–1) are null when the client sent none.
 */
public record VideoViewStarted(UUID viewId, UUID videoId, long userId, long schoolId, String sessionId,
                               String referrer, Integer durationWatched, Double completionPercentage,
                               String videoTitle) {
}
