package org.fractionball.lms.events.security;

/**
 * A request whose credentials did not authenticate anyone. Not tied to an aggregate; the client
 * address and user agent are in the event's metadata. {@code firebaseUid} is set when the token
 * was valid but named no usable account.
 */
public record LoginFailed(String reason, String firebaseUid) {
}
