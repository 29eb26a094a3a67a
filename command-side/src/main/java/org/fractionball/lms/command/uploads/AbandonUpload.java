package org.fractionball.lms.command.uploads;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Gives up an upload that was never completed; its stored object, if any, is removed. */
public record AbandonUpload(UUID uploadId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.upload(uploadId);
    }
}
