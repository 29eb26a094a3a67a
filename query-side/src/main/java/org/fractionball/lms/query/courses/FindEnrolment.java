package org.fractionball.lms.query.courses;

import java.util.UUID;

/** One enrolment, when {@code scope} sees it. */
public record FindEnrolment(UUID enrolmentId, CourseScope scope) {
}
