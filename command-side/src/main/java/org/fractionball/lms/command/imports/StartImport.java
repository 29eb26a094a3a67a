package org.fractionball.lms.command.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Queues the validated rows of an uploaded CSV for import into the caller's school. */
public record StartImport(UUID jobId, ContentKind kind, String fileName, long fileSize, List<String> headers,
                          List<Map<String, String>> rows, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.importJob(jobId);
    }
}
