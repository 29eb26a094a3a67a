package org.fractionball.lms.command.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/** Closes an import whose rows were all recorded; closing a closed import changes nothing. */
public record CompleteImport(UUID jobId) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.importJob(jobId);
    }
}
