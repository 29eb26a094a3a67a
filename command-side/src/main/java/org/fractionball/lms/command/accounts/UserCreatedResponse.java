package org.fractionball.lms.command.accounts;

import org.fractionball.lms.events.shared.Role;

/** The contract's UserCreate answer (§3.3) plus the new user's {@code id} (fixing D17). */
public record UserCreatedResponse(long id, String username, String email, String firstName, String lastName,
                                  Role role, long school, String phone, String firebaseUid) {

    static UserCreatedResponse of(UserAccountState user) {
        return new UserCreatedResponse(user.userId(), user.username(), user.email(), user.firstName(),
                user.lastName(), user.role(), user.schoolId(), user.phone(), user.firebaseUid());
    }
}
