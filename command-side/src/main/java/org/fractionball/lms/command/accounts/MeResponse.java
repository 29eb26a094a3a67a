package org.fractionball.lms.command.accounts;

import org.fractionball.lms.events.shared.Permissions;
import org.fractionball.lms.events.shared.Role;

import java.time.Instant;

/** The contract's Me (§3.4) after the signed-in user edited its profile. */
public record MeResponse(long id, String username, String email, String firstName, String lastName, String fullName,
                         Role role, String roleDisplay, long school, String schoolName, String phone,
                         Permissions permissions, boolean isActive, Instant createdAt, Instant lastLogin) {

    static MeResponse of(UserResponse user) {
        return new MeResponse(user.id(), user.username(), user.email(), user.firstName(), user.lastName(),
                user.fullName(), user.role(), user.roleDisplay(), user.school(), user.schoolName(), user.phone(),
                Permissions.of(user.role()), user.isActive(), user.createdAt(), user.lastLogin());
    }
}
