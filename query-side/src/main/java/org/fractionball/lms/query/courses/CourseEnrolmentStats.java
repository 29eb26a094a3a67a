package org.fractionball.lms.query.courses;

import java.util.UUID;

/** A course's enrolments by the users of one school, by status. */
public record CourseEnrolmentStats(UUID courseId, String title, String status, long enrolments, long active,
                                   long completed, long withdrawn) {
}
