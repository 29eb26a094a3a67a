package org.fractionball.lms.events.activities;

import java.util.List;
import java.util.UUID;

/**
 * An activity's details after an admin's edit. {@code changedFields} names the API fields whose
 * value differs from before (a link to content deleted since is dropped and counts as changed).
 */
public record ActivityChanged(UUID activityId, ActivityDetails details, List<String> changedFields) {

    public ActivityChanged {
        changedFields = changedFields == null ? List.of() : List.copyOf(changedFields);
    }
}
