package org.fractionball.lms.command.content;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.util.UUID;

/** Changes a content item's description (owner, or a school admin of its school). */
public record ChangeContentDetails(UUID contentId, ContentKind kind, ContentEdit edit, Caller by) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return AggregateIds.content(kind, contentId);
    }
}
