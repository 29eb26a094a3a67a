package org.fractionball.lms.command.content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** The owner submits a draft for review. */
public record SubmitContentForReview(UUID contentId, ContentKind kind, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.content(kind, contentId);
    }
}
