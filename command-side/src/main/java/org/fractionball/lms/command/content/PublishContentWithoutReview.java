package org.fractionball.lms.command.content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/**
 * The owner submits a draft while review is not required for them (feature flag {@code flag}
 * off): it is published at once.
 */
public record PublishContentWithoutReview(UUID contentId, ContentKind kind, String flag, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.content(kind, contentId);
    }
}
