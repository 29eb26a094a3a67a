package org.fractionball.lms.query.courses;

/** A page of enrolments, newest first. */
public record FindEnrolments(EnrolmentFilter filter, long offset, int limit) {
}
