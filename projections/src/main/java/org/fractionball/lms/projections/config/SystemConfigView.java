package org.fractionball.lms.projections.config;

import org.fractionball.lms.events.config.ConfigType;

import java.time.Instant;
import java.util.UUID;

/** A row of {@code system_config_view} with the name of its last editor (null when none). */
public record SystemConfigView(UUID id, String key, String value, ConfigType type, String name, String description,
                               String category, boolean isPublic, boolean editable, String validationRegex,
                               Double minValue, Double maxValue, Instant createdAt, Instant updatedAt,
                               Long updatedBy, String updatedByName) {
}
