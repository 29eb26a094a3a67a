package org.fractionball.lms.command.content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Hands the caller a signed download URL for a resource's stored file (contract §5.10.3). */
public record DownloadResource(UUID resourceId, UUID downloadId, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.content(ContentKind.RESOURCE, resourceId);
    }
}
