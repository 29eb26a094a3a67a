package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.config.ConfigType;

/**
 * The fields a PUT, PATCH or bulk update names; null = not named. The bounds can be set to null,
 * so whether they were named is explicit.
 */
public record ConfigEdit(String value, ConfigType type, String name, String description, String category,
                         Boolean isPublic, Boolean editable, String validationRegex, boolean minGiven,
                         Double minValue, boolean maxGiven, Double maxValue) {

    public static ConfigEdit value(String value) {
        return new ConfigEdit(value, null, null, null, null, null, null, null, false, null, false, null);
    }

    ConfigDefinition applyTo(ConfigDefinition current) {
        return new ConfigDefinition(
                value != null ? value : current.value(),
                type != null ? type : current.type(),
                name != null ? name : current.name(),
                description != null ? description : current.description(),
                category != null ? category : current.category(),
                isPublic != null ? isPublic : current.isPublic(),
                editable != null ? editable : current.editable(),
                validationRegex != null ? validationRegex : current.validationRegex(),
                minGiven ? minValue : current.minValue(),
                maxGiven ? maxValue : current.maxValue());
    }
}
