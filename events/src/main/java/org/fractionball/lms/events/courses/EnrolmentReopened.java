package org.fractionball.lms.events.courses;

import java.util.UUID;

/** A withdrawn enrolment is active again (enrolled anew); the progress recorded before is kept. */
public record EnrolmentReopened(UUID enrolmentId, UUID courseId, long userId, long enrolledBy) {
}
