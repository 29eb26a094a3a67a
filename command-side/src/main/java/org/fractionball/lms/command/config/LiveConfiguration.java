package org.fractionball.lms.command.config;

import org.fractionball.lms.events.shared.Caller;

import java.util.List;
import java.util.Map;

/**
 * The configuration values and feature flags in force, as one immutable copy: what the
 * enforcement checks read on every request.
 */
public record LiveConfiguration(long version, Map<String, String> values, Map<String, FlagScope> flags) {

    public LiveConfiguration {
        values = Map.copyOf(values);
        flags = Map.copyOf(flags);
    }

    /** A flag's switch and scope (contract §2.10). */
    public record FlagScope(boolean enabled, List<Long> schools, List<String> roles) {

        public FlagScope {
            schools = List.copyOf(schools);
            roles = List.copyOf(roles);
        }

        /**
         * On for a user iff enabled and (no schools listed or the user's school listed) and (no
         * roles listed or the user's role listed); for an anonymous caller ({@code null}) only when
         * it is not scoped at all.
         */
        public boolean appliesTo(Caller caller) {
            if (!enabled) {
                return false;
            }
            if (caller == null) {
                return schools.isEmpty() && roles.isEmpty();
            }
            return (schools.isEmpty() || schools.contains(caller.schoolId()))
                    && (roles.isEmpty() || roles.contains(caller.role().name()));
        }
    }
}
