package org.fractionball.lms.command.activities;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Removes the activity and frees its slug. */
public record DeleteActivity(UUID activityId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.activity(activityId);
    }
}
