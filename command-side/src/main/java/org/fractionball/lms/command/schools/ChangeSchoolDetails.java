package org.fractionball.lms.command.schools;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

/** A full (PUT) or partial (PATCH) update: a null field keeps its current value. */
public record ChangeSchoolDetails(long schoolId, String name, String domain, String address, String phone,
                                  Boolean active) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.school(schoolId);
    }
}
