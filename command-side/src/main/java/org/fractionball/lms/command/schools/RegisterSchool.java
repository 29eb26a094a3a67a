package org.fractionball.lms.command.schools;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

public record RegisterSchool(long schoolId, String name, String domain, String address, String phone,
                             boolean active) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.school(schoolId);
    }
}
