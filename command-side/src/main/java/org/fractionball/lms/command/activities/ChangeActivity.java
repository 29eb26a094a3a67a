package org.fractionball.lms.command.activities;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** A PUT (required fields present) or PATCH (any subset) of an activity's fields. */
public record ChangeActivity(UUID activityId, ActivityEdit edit, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.activity(activityId);
    }
}
