package org.fractionball.lms.command.activities;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Adds an activity; only admins write the curriculum. */
public record CreateActivity(UUID activityId, ActivityEdit edit, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.activity(activityId);
    }
}
