package org.fractionball.lms.events.accounts;

import org.fractionball.lms.events.shared.DataSubject;
import org.fractionball.lms.events.shared.PersonalData;

/** The user's descriptive fields after an edit (by the user itself or an administrator). */
public record UserDetailsChanged(@DataSubject long userId, @PersonalData String username, @PersonalData String email,
                                 @PersonalData String firstName, @PersonalData String lastName,
                                 @PersonalData String phone) {
}
