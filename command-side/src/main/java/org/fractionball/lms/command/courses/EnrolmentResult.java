package org.fractionball.lms.command.courses;

/** What an enrolment command answers with: the enrolment and the course it follows. */
public record EnrolmentResult(EnrolmentState state, CourseState course) {
}
