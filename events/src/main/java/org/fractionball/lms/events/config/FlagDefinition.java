package org.fractionball.lms.events.config;

import java.util.List;

/**
 * Everything a feature flag holds besides its name (contract §3.11). A flag is on for a user iff
 * it is enabled and (no schools listed or the user's school listed) and (no roles listed or the
 * user's role listed).
 */
public record FlagDefinition(String displayName, String description, boolean enabled, boolean permanent,
                             List<Long> schools, List<String> roles) {

    public FlagDefinition {
        schools = List.copyOf(schools);
        roles = List.copyOf(roles);
    }

    public FlagDefinition withEnabled(boolean newEnabled) {
        return new FlagDefinition(displayName, description, newEnabled, permanent, schools, roles);
    }
}
