package org.fractionball.lms.command.activities;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.content.ContentItem;
import org.fractionball.lms.command.content.ContentState;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Loads content items in the current unit of work: the command side decides from aggregates,
 * never from read tables. A deleted item reads as missing.
 */
@Component
public class RepositoryLinkedContent implements LinkedContent {
    private final Repository<ContentItem> items;

    public RepositoryLinkedContent(Repository<ContentItem> items) {
        this.items = items;
    }

    @Override
    public LinkedItem find(ContentKind kind, UUID contentId) {
        try {
            ContentState state = items.load(AggregateIds.content(kind, contentId)).invoke(ContentItem::state);
            return new LinkedItem(kind, contentId, state.details().title(), state.details().duration(),
                    state.details().fileType());
        } catch (AggregateNotFoundException missingOrDeleted) {
            return null;
        }
    }
}
