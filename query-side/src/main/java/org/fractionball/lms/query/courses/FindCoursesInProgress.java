package org.fractionball.lms.query.courses;

/** For the teacher dashboard: the user's active enrolments with their progress, most recently active first. */
public record FindCoursesInProgress(long userId) {
}
