package org.fractionball.lms.events.config;

import java.util.UUID;

/** A feature flag was deleted; its name may be created again later (with a new id). */
public record FeatureFlagDeleted(UUID flagId, String name, Long changedBy) {
}
