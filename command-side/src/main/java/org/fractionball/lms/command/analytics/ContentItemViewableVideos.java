package org.fractionball.lms.command.analytics;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.content.ContentItem;
import org.fractionball.lms.command.content.ContentState;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/** Reads videos from their {@link ContentItem} aggregates, in the current command's unit of work. */
@Component
public class ContentItemViewableVideos implements ViewableVideos {
    private final Repository<ContentItem> items;

    public ContentItemViewableVideos(Repository<ContentItem> items) {
        this.items = items;
    }

    @Override
    public Optional<ViewableVideo> find(UUID videoId) {
        try {
            ContentState state = items.load(AggregateIds.content(ContentKind.VIDEO, videoId))
                    .invoke(ContentItem::state);
            return Optional.of(new ViewableVideo(videoId, state.ownerId(), state.schoolId(), state.status(),
                    state.details().title()));
        } catch (AggregateNotFoundException missingOrDeleted) {
            return Optional.empty();
        }
    }
}
