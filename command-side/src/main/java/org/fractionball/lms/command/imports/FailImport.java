package org.fractionball.lms.command.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Stops an import that cannot go on (its uploader is gone); stopping a closed import changes nothing. */
public record FailImport(UUID jobId, String reason) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.importJob(jobId);
    }
}
