package org.fractionball.lms.events.config;

import java.util.UUID;

/** A feature flag was edited (PUT/PATCH); {@code definition} is the whole flag afterwards. */
public record FeatureFlagChanged(UUID flagId, String name, FlagDefinition definition, Long changedBy) {
}
