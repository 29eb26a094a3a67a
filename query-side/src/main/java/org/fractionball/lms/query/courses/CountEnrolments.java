package org.fractionball.lms.query.courses;

/** How many enrolments a listing holds. */
public record CountEnrolments(EnrolmentFilter filter) {
}
