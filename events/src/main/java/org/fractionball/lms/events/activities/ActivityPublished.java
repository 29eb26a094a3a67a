package org.fractionball.lms.events.activities;

import java.util.UUID;

/** The activity became visible to every signed-in user. */
public record ActivityPublished(UUID activityId, String title, String slug) {
}
