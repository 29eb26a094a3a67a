package org.fractionball.lms.command.accounts;

import org.fractionball.lms.events.shared.Role;

import java.time.Instant;

/** A user as its aggregate knows it after a command. */
public record UserAccountState(long userId, String firebaseUid, String username, String email, String firstName,
                               String lastName, Role role, long schoolId, String phone, boolean active,
                               Instant createdAt, Instant updatedAt, Instant lastLogin) {
}
