package org.fractionball.lms.command.schools;

import java.time.Instant;

/** The contract's School (§3.1) as a command endpoint answers it, from the aggregate's state. */
public record SchoolResponse(long id, String name, String domain, String address, String phone, long userCount,
                             boolean isActive, Instant createdAt, Instant updatedAt) {

    static SchoolResponse of(SchoolState state, long userCount) {
        return new SchoolResponse(state.schoolId(), state.name(), state.domain(), state.address(), state.phone(),
                userCount, state.active(), state.createdAt(), state.updatedAt());
    }
}
