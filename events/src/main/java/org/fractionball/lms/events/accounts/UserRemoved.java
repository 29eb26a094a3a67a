package org.fractionball.lms.events.accounts;

/** The user is gone from the API (its uid and username are free again); its history stays. */
public record UserRemoved(long userId) {
}
