package org.fractionball.lms.command.courses;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Changes a course's details or replaces its ordered items (PUT and PATCH). */
public record ChangeCourse(UUID courseId, CourseEdit edit, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.course(courseId);
    }
}
