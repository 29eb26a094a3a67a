package org.fractionball.lms.query.courses;

/** For the school dashboards: per course open to the school, its users' enrolments and completions. */
public record FindCourseEnrolmentStats(long schoolId) {
}
