package org.fractionball.lms.command.config;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Change the named fields of a feature flag. */
public record ChangeFeatureFlag(UUID flagId, String name, FlagEdit edit, Long by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.featureFlag(name);
    }
}
