package org.fractionball.lms.query.activities;

import org.fractionball.lms.events.activities.ActivityLocation;

/**
 * Which activities a listing shows; null fields do not filter. {@code topic} is one entry of
 * {@code topics} (case-insensitive); {@code q} a case-insensitive substring of title or description.
 */
public record ActivityFilter(boolean publishedOnly, String grade, String topic, ActivityLocation location, String q) {
}
