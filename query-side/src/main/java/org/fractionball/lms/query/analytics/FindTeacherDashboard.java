package org.fractionball.lms.query.analytics;

import java.time.Instant;

/** The figures of the teacher dashboard (§5.13) for one user of one school, as of {@code now}. */
public record FindTeacherDashboard(long userId, long schoolId, Instant now) {
}
