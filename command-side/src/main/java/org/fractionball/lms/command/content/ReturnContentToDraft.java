package org.fractionball.lms.command.content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** The owner takes pending or rejected content back to draft. */
public record ReturnContentToDraft(UUID contentId, ContentKind kind, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.content(kind, contentId);
    }
}
