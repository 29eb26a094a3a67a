package org.fractionball.lms.events.courses;

import java.util.UUID;

/** A user was enrolled in a published course, by itself or by an administrator ({@code enrolledBy}). */
public record UserEnrolled(UUID enrolmentId, UUID courseId, long userId, long enrolledBy) {
}
