package org.fractionball.lms.command.config;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Change the named fields of a configuration entry, with an optional reason for its history. */
public record ChangeSystemConfig(UUID configId, String key, ConfigEdit edit, String reason, Long by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.systemConfig(key);
    }
}
