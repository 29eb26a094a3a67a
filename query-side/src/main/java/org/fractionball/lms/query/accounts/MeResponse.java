package org.fractionball.lms.query.accounts;

import org.fractionball.lms.events.shared.Permissions;
import org.fractionball.lms.events.shared.Role;
import org.fractionball.lms.projections.accounts.UserView;

import java.time.Instant;

/** The contract's {@code Me} (§3.4), fields in contract order. */
public record MeResponse(long id, String username, String email, String firstName, String lastName, String fullName,
                         Role role, String roleDisplay, long school, String schoolName, String phone,
                         Permissions permissions, boolean isActive, Instant createdAt, Instant lastLogin) {

    static MeResponse of(UserView user) {
        Role role = user.role();
        return new MeResponse(user.id(), user.username(), user.email(), user.firstName(), user.lastName(),
                user.fullName(), role, role.display(), user.schoolId(), user.schoolName(), user.phone(),
                Permissions.of(role), user.isActive(), user.createdAt(), user.lastLogin());
    }
}
