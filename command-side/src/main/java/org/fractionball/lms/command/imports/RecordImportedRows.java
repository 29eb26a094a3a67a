package org.fractionball.lms.command.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.imports.ImportRowOutcome;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.List;
import java.util.UUID;

/** Records the outcomes of the rows from {@code firstRow} on; a batch already recorded is ignored. */
public record RecordImportedRows(UUID jobId, int firstRow, List<ImportRowOutcome> outcomes) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.importJob(jobId);
    }
}
