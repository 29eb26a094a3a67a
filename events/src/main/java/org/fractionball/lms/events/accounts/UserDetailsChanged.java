package org.fractionball.lms.events.accounts;

/** The user's descriptive fields after an edit (by the user itself or an administrator). */
public record UserDetailsChanged(long userId, String username, String email, String firstName, String lastName,
                                 String phone) {
}
