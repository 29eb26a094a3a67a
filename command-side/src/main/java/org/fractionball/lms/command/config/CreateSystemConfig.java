package org.fractionball.lms.command.config;

import org.fractionball.lms.events.config.ConfigDefinition;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Create a configuration entry; {@code by} is the admin's user id, null for the start-up seeding. */
public record CreateSystemConfig(UUID configId, String key, ConfigDefinition definition, String reason, Long by) {

    public String aggregateId() {
        return AggregateIds.systemConfig(key);
    }
}
