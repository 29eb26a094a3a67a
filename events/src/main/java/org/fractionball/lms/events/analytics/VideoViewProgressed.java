package org.fractionball.lms.events.analytics;

import java.util.UUID;

/**
 * A heartbeat of a view raised how long or how far the video was watched: the view's new maxima
 * (absolute values, null when still never reported). A heartbeat that raises nothing stores nothing.
 */
public record VideoViewProgressed(UUID viewId, UUID videoId, long userId, long schoolId, Integer durationWatched,
                                  Double completionPercentage) {
}
