package org.fractionball.lms.events.accounts;

import org.fractionball.lms.events.shared.Role;

/** An admin (or the bootstrap command) linked a Firebase uid to a new LMS user. */
public record UserProvisioned(long userId, String firebaseUid, String username, String email, String firstName,
                              String lastName, Role role, long schoolId, String phone, boolean active) {
}
