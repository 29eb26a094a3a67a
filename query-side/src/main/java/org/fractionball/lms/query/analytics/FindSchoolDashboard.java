package org.fractionball.lms.query.analytics;

import java.time.Instant;

/** The school-wide part of the teacher dashboard (§5.13), the same for everyone in the school, as of {@code now}. */
public record FindSchoolDashboard(long schoolId, Instant now) {
}
