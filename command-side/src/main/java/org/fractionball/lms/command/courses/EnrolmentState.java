package org.fractionball.lms.command.courses;

import org.fractionball.lms.events.courses.EnrolmentStatus;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An enrolment as its aggregate holds it after a command: when each item was started and completed. */
public record EnrolmentState(UUID enrolmentId, UUID courseId, long userId, EnrolmentStatus status, long enrolledBy,
                             Map<UUID, Instant> started, Map<UUID, Instant> completed, Instant enrolledAt,
                             Instant completedAt, Instant withdrawnAt, Instant updatedAt) {

    public EnrolmentState {
        started = Map.copyOf(started);
        completed = Map.copyOf(completed);
    }
}
