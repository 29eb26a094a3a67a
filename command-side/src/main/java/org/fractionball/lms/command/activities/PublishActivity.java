package org.fractionball.lms.command.activities;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Shows the activity to every signed-in user. */
public record PublishActivity(UUID activityId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.activity(activityId);
    }
}
