package org.fractionball.lms.command.config;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Delete a feature flag that is not permanent. */
public record DeleteFeatureFlag(UUID flagId, String name, Long by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.featureFlag(name);
    }
}
