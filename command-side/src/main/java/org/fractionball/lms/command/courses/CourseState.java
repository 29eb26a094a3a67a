package org.fractionball.lms.command.courses;

import org.fractionball.lms.events.courses.CourseDetails;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A course as its aggregate holds it after a command. */
public record CourseState(UUID courseId, Long schoolId, CourseDetails details, List<CourseItem> items,
                          CourseStatus status, long createdBy, Instant createdAt, Instant updatedAt) {

    public CourseState {
        items = List.copyOf(items);
    }
}
