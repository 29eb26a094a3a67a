package org.fractionball.lms.command.courses;

import java.util.List;

/** The enrolments an {@link EnrolInCourse} made (or reopened), and the users that were enrolled already. */
public record EnrolmentBatch(List<EnrolmentResult> enrolled, List<Long> alreadyEnrolled) {

    public EnrolmentBatch {
        enrolled = List.copyOf(enrolled);
        alreadyEnrolled = List.copyOf(alreadyEnrolled);
    }
}
