package org.fractionball.lms.events.courses;

import java.util.UUID;

/** The enrolled user started one item of the course. */
public record CourseItemStarted(UUID enrolmentId, UUID courseId, long userId, UUID itemId) {
}
