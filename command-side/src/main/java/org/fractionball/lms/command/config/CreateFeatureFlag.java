package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.FlagDefinition;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Create a feature flag; {@code by} is the admin's user id, null for the start-up seeding. */
public record CreateFeatureFlag(UUID flagId, String name, FlagDefinition definition, Long by) {

    public String aggregateId() {
        return AggregateIds.featureFlag(name);
    }
}
