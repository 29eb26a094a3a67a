package org.fractionball.lms.query.courses;

import java.util.UUID;

/** Which enrolments a listing shows: those {@code scope} sees, narrowed by user, course and status. */
public record EnrolmentFilter(CourseScope scope, Long user, UUID course, String status) {
}
