package org.fractionball.lms.command.activities;

import java.util.Map;

/**
 * What a command answers with: the activity and the linked content it could load, keyed by the
 * content's aggregate id, so the answer names the linked video and resources.
 */
public record ActivityResult(ActivityState state, Map<String, LinkedItem> linked) {

    public ActivityResult {
        linked = Map.copyOf(linked);
    }
}
