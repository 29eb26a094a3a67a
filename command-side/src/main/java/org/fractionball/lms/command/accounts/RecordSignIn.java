package org.fractionball.lms.command.accounts;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.time.Duration;

/** A successful authentication; recorded only when the last one is older than {@code window}. */
public record RecordSignIn(long userId, Duration window) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.user(userId);
    }
}
