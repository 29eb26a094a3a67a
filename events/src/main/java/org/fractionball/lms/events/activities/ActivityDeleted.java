package org.fractionball.lms.events.activities;

import java.util.UUID;

/** The activity was removed (its history stays in the event store); its slug is free again. */
public record ActivityDeleted(UUID activityId, String title, String slug) {
}
