package org.fractionball.lms.query.config;

import java.time.Instant;
import java.util.UUID;

/** The newest changes, of one entry ({@code configId}) or of all since {@code since}; null = no such limit. */
public record FindConfigChanges(UUID configId, Instant since, int limit) {
}
