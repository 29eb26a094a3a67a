package org.fractionball.lms.projections.config;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code config_change_view}: one creation or value change of a configuration entry. */
public record ConfigChangeView(String id, UUID configId, String configKey, String configName, String oldValue,
                               String newValue, String changeReason, Long changedBy, String changedByName,
                               Instant changedAt, String ipAddress) {
}
