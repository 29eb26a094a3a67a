package org.fractionball.lms.query.analytics;

import java.time.Instant;

/** The caller's own part of the teacher dashboard (§5.13), as of {@code now}. */
public record FindUserDashboard(long userId, long schoolId, Instant now) {
}
