package org.fractionball.lms.command.activities;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Hides the activity from everyone but admins. */
public record UnpublishActivity(UUID activityId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.activity(activityId);
    }
}
