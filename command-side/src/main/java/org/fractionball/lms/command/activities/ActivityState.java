package org.fractionball.lms.command.activities;

import org.fractionball.lms.events.activities.ActivityDetails;

import java.time.Instant;
import java.util.UUID;

/** An activity as its aggregate holds it after a command. */
public record ActivityState(UUID activityId, ActivityDetails details, boolean published, Instant createdAt,
                            Instant updatedAt) {
}
