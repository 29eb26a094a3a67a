package org.fractionball.lms.events.config;

import java.util.UUID;

/** A feature flag was switched on or off through {@code toggle} (audited as {@code FEATURE_FLAG_TOGGLED}). */
public record FeatureFlagToggled(UUID flagId, String name, boolean enabled, Long changedBy) {
}
