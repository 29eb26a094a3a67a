package org.fractionball.lms.command.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** The enrolled user started or completed one item; repeating it changes nothing. */
public record RecordProgress(UUID enrolmentId, UUID itemId, boolean completed, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.enrolment(enrolmentId);
    }
}
