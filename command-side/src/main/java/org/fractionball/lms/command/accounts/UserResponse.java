package org.fractionball.lms.command.accounts;

import org.fractionball.lms.events.shared.Role;

import java.time.Instant;

/** The contract's User (§3.2), from the aggregate's state after a command. */
public record UserResponse(long id, String username, String email, String firstName, String lastName,
                           String fullName, Role role, String roleDisplay, long school, String schoolName,
                           String phone, boolean isActive, Instant createdAt, Instant updatedAt, Instant lastLogin) {

    static UserResponse of(UserAccountState user, String schoolName) {
        String fullName = !user.firstName().isEmpty() && !user.lastName().isEmpty()
                ? user.firstName() + " " + user.lastName() : user.username();
        return new UserResponse(user.userId(), user.username(), user.email(), user.firstName(), user.lastName(),
                fullName, user.role(), user.role().display(), user.schoolId(),
                schoolName == null ? "" : schoolName, user.phone(), user.active(), user.createdAt(), user.updatedAt(),
                user.lastLogin());
    }
}
