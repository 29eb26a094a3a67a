package org.fractionball.lms.projections.schools;

import java.time.Instant;

/** A row of {@code school_view} with its active-user count: the contract's School (§3.1). */
public record SchoolView(long id, String name, String domain, String address, String phone, long userCount,
                         boolean isActive, Instant createdAt, Instant updatedAt) {
}
