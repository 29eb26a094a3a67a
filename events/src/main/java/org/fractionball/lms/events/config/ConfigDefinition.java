package org.fractionball.lms.events.config;

/**
 * Everything a system configuration entry holds besides its key (contract §3.11). The value is
 * stored as text and read by its type (§2.8); the bounds apply to INTEGER and FLOAT values.
 */
public record ConfigDefinition(String value, ConfigType type, String name, String description, String category,
                               boolean isPublic, boolean editable, String validationRegex, Double minValue,
                               Double maxValue) {
}
