package org.fractionball.lms.events.config;

import java.util.UUID;

/**
 * A configuration entry was changed; {@code definition} is the whole entry afterwards and
 * {@code previousValue} the value before, so the change history is read from these events.
 */
public record SystemConfigChanged(UUID configId, String key, ConfigDefinition definition, String previousValue,
                                  String reason, Long changedBy) {

    public boolean valueChanged() {
        return !previousValue.equals(definition.value());
    }
}
