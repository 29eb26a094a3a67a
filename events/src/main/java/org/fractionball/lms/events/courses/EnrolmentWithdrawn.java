package org.fractionball.lms.events.courses;

import java.util.UUID;

/** The enrolment was withdrawn by the user or an administrator ({@code withdrawnBy}); its progress stays. */
public record EnrolmentWithdrawn(UUID enrolmentId, UUID courseId, long userId, long withdrawnBy) {
}
