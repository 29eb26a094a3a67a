package org.fractionball.lms.command.config;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Delete a configuration entry. */
public record DeleteSystemConfig(UUID configId, String key, Long by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.systemConfig(key);
    }
}
