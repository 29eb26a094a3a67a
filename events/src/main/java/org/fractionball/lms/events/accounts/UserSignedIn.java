package org.fractionball.lms.events.accounts;

/** A successful sign-in, recorded at most once per session window (the event's time is {@code last_login}). */
public record UserSignedIn(long userId) {
}
