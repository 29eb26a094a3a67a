package org.fractionball.lms.infrastructure.security;

import java.time.Instant;

/** The subject of a verified token and when the token stops being valid. */
public record VerifiedIdentity(String uid, String email, Instant expiresAt) {
}
