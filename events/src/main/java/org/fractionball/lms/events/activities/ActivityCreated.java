package org.fractionball.lms.events.activities;

import java.util.UUID;

/** An admin added an activity to the curriculum, published or not. */
public record ActivityCreated(UUID activityId, ActivityDetails details, boolean published) {
}
