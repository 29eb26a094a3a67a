package org.fractionball.lms.command.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

public record ReactivateUser(long userId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
