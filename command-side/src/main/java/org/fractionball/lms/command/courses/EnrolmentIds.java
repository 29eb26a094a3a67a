package org.fractionball.lms.command.courses;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One enrolment per (course, user): its id is derived from the pair, so the event store's unique
 * (aggregate, sequence) key refuses a second enrolment even when two requests race.
 */
public final class EnrolmentIds {
    private EnrolmentIds() {
    }

    public static UUID of(UUID courseId, long userId) {
        return UUID.nameUUIDFromBytes(("enrolment:" + courseId + ":" + userId).getBytes(StandardCharsets.UTF_8));
    }
}
