package org.fractionball.lms.command.schools;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

public record DeleteSchool(long schoolId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.school(schoolId);
    }
}
