package org.fractionball.lms.events.courses;

import java.util.UUID;

/** Every item of the course is completed: the enrolment is done. */
public record EnrolmentCompleted(UUID enrolmentId, UUID courseId, long userId, int itemCount) {
}
