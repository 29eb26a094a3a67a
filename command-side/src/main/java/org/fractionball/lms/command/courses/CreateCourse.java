package org.fractionball.lms.command.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Adds a draft course: global (ADMIN) or of a school. */
public record CreateCourse(UUID courseId, CourseEdit edit, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.course(courseId);
    }
}
