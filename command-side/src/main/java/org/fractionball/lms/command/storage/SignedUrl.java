package org.fractionball.lms.command.storage;

import java.time.Instant;

/** A signed, expiring URL for one object and one method. */
public record SignedUrl(String url, Instant expiresAt) {
}
