package org.fractionball.lms.events.activities;

import java.util.UUID;

/** The activity is hidden from everyone but admins. */
public record ActivityUnpublished(UUID activityId, String title, String slug) {
}
