package org.fractionball.lms.command.courses;

import org.fractionball.lms.events.shared.Caller;

import java.util.List;
import java.util.UUID;

/**
 * Enrols users in a published course: a user itself, or the users of a school by its school admin
 * (or an ADMIN). One transaction: every user is checked before any is enrolled.
 */
public record EnrolInCourse(UUID courseId, List<Long> userIds, Caller by) {

    public EnrolInCourse {
        userIds = List.copyOf(userIds);
    }
}
