package org.fractionball.lms.command.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.UUID;

/**
 * Creates the draft item of one valid CSV row. {@code contentId} is derived from the job and the
 * row ({@link ImportJob#contentIdOf}), so sending it again can only find the item already created.
 */
public record ImportContentRow(UUID jobId, int row, UUID contentId, ContentKind kind, long ownerId, long schoolId,
                               ContentDetails details) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.content(kind, contentId);
    }
}
