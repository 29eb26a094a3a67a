package org.fractionball.lms.events.config;

import java.util.UUID;

/** A configuration entry was created (by an admin, or by the seeding at start-up when {@code changedBy} is null). */
public record SystemConfigCreated(UUID configId, String key, ConfigDefinition definition, String reason,
                                  Long changedBy) {
}
