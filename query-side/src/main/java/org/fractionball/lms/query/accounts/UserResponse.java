package org.fractionball.lms.query.accounts;

import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.accounts.UserView;

import java.time.Instant;

/** The contract's User (§3.2), fields in contract order; the Firebase uid stays hidden. */
public record UserResponse(long id, String username, String email, String firstName, String lastName,
                           String fullName, Role role, String roleDisplay, long school, String schoolName,
                           String phone, boolean isActive, Instant createdAt, Instant updatedAt, Instant lastLogin) {

    public static UserResponse of(UserView user) {
        return new UserResponse(user.id(), user.username(), user.email(), user.firstName(), user.lastName(),
                user.fullName(), user.role(), user.role().display(), user.schoolId(), user.schoolName(), user.phone(),
                user.isActive(), user.createdAt(), user.updatedAt(), user.lastLogin());
    }
}
