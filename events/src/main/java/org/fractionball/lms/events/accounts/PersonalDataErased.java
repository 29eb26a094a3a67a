package org.fractionball.lms.events.accounts;

/**
 * The user's data key was destroyed: every personal field stored for it now reads as erased, and
 * the account can no longer sign in. Holds no personal data itself.
 */
public record PersonalDataErased(long userId) {
}
