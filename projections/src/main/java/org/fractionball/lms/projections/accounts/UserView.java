package org.fractionball.lms.projections.accounts;

import org.fractionball.lms.events.shared.Role;

import java.time.Instant;

/** A row of {@code user_view} joined with its school's name. */
public record UserView(long id, String firebaseUid, String username, String email, String firstName,
                       String lastName, Role role, long schoolId, String schoolName, String phone, boolean isActive,
                       Instant createdAt, Instant updatedAt, Instant lastLogin) {

    /** {@code "<first> <last>"} when both are non-empty, else the username (contract §3.2). */
    public String fullName() {
        return !firstName.isEmpty() && !lastName.isEmpty() ? firstName + " " + lastName : username;
    }
}
