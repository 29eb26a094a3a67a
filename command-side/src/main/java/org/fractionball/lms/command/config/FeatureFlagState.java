package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.FlagDefinition;

import java.time.Instant;
import java.util.UUID;

/** A feature flag as its aggregate holds it after a command. */
public record FeatureFlagState(UUID flagId, String name, FlagDefinition definition, Instant createdAt,
                               Instant updatedAt, Long createdBy, Long updatedBy) {
}
