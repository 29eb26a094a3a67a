package org.fractionball.lms.events.config;

import java.util.UUID;

/** A feature flag was created (by an admin, or by the seeding at start-up when {@code changedBy} is null). */
public record FeatureFlagCreated(UUID flagId, String name, FlagDefinition definition, Long changedBy) {
}
