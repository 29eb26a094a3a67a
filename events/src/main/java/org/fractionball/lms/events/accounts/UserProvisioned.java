package org.fractionball.lms.events.accounts;

import org.fractionball.lms.events.shared.DataSubject;
import org.fractionball.lms.events.shared.PersonalData;
import org.fractionball.lms.events.shared.Role;

/** An admin (or the bootstrap command) linked a Firebase uid to a new LMS user. */
public record UserProvisioned(@DataSubject long userId, String firebaseUid, @PersonalData String username,
                              @PersonalData String email, @PersonalData String firstName,
                              @PersonalData String lastName, Role role, long schoolId, @PersonalData String phone,
                              boolean active) {
}
