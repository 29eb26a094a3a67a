package org.fractionball.lms.query.analytics;

import java.util.UUID;

/** A video's figures over the dashboard's month (30 UTC days up to today). */
public record VideoAnalytics(UUID videoId, long views, long uniqueViewers, long watchTime, double avgCompletionRate) {
}
