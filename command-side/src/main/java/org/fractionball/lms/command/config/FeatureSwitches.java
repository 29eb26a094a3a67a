package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.FlagDefinition;
import org.fractionball.lms.events.shared.Caller;
import org.springframework.stereotype.Component;

/**
 * Whether a feature flag is on for a caller (contract §2.10 scoping), read from the in-process
 * copy of the command side's lookups, so it costs no query per request. A flag that does not exist
 * (deleted) counts as its seeded default ({@link ConfigDefaults}), or off when it has none.
 */
@Component
public class FeatureSwitches {
    private final ConfigRegistry registry;

    public FeatureSwitches(ConfigRegistry registry) {
        this.registry = registry;
    }

    /** Whether {@code flag} is on for {@code caller}; {@code null} is an anonymous caller. */
    public boolean isEnabled(String flag, Caller caller) {
        LiveConfiguration.FlagScope scope = registry.snapshot().flags().get(flag);
        if (scope == null) {
            FlagDefinition seeded = ConfigDefaults.FLAGS.get(flag);
            scope = seeded == null ? null
                    : new LiveConfiguration.FlagScope(seeded.enabled(), seeded.schools(), seeded.roles());
        }
        return scope != null && scope.appliesTo(caller);
    }

    /** Whether the flag is switched on at all, whatever its scope. */
    public boolean isSwitchedOn(String flag) {
        LiveConfiguration.FlagScope scope = registry.snapshot().flags().get(flag);
        if (scope == null) {
            FlagDefinition seeded = ConfigDefaults.FLAGS.get(flag);
            return seeded != null && seeded.enabled();
        }
        return scope.enabled();
    }
}
