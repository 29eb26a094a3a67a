package org.fractionball.lms.query.config;

import org.fractionball.lms.events.config.ConfigType;

/** The §5.20.3 list filters; null = not filtered. */
public record ConfigFilter(String category, ConfigType type, Boolean isPublic, Boolean editable) {
}
