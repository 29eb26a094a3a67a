package org.fractionball.lms.command.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Ends an enrolment before completion: the user itself, its school admin or an ADMIN. */
public record WithdrawEnrolment(UUID enrolmentId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.enrolment(enrolmentId);
    }
}
