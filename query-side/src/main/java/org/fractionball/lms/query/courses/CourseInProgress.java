package org.fractionball.lms.query.courses;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One course a teacher is working through: items completed of the course's live items. */
public record CourseInProgress(UUID enrolmentId, UUID courseId, String courseTitle, int completedItems,
                               int totalItems, BigDecimal percentComplete, Instant enrolledAt,
                               Instant lastActivityAt) {
}
