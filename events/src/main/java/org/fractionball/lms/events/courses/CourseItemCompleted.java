package org.fractionball.lms.events.courses;

import java.util.UUID;

/** The enrolled user completed one item of the course (started implicitly when it was not). */
public record CourseItemCompleted(UUID enrolmentId, UUID courseId, long userId, UUID itemId) {
}
