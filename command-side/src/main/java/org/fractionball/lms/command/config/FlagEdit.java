package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.FlagDefinition;

import java.util.List;

/** The fields a PUT or PATCH of a feature flag names; null = not named. */
public record FlagEdit(String displayName, String description, Boolean enabled, Boolean permanent,
                       List<Long> schools, List<String> roles) {

    FlagDefinition applyTo(FlagDefinition current) {
        return new FlagDefinition(
                displayName != null ? displayName : current.displayName(),
                description != null ? description : current.description(),
                enabled != null ? enabled : current.enabled(),
                permanent != null ? permanent : current.permanent(),
                schools != null ? schools : current.schools(),
                roles != null ? roles : current.roles());
    }
}
