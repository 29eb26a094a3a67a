package org.fractionball.lms.command.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Deletes a draft course. */
public record DeleteCourse(UUID courseId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.course(courseId);
    }
}
