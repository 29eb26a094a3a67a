package org.fractionball.lms.events.accounts;

/** The user can no longer sign in; {@code reason} as given by the administrator. */
public record UserDeactivated(long userId, String reason) {
}
