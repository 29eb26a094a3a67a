package org.fractionball.lms.command.playlists;

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
public class ContentItemVideos implements PlaylistVideos {
    private final Repository<ContentItem> items;

    public ContentItemVideos(Repository<ContentItem> items) {
        this.items = items;
    }

    @Override
    public Optional<PlaylistVideo> find(UUID videoId) {
        try {
            ContentState state = items.load(AggregateIds.content(ContentKind.VIDEO, videoId))
                    .invoke(ContentItem::state);
            return Optional.of(new PlaylistVideo(videoId, state.schoolId(), state.status(), state.details().title(),
                    state.details().duration()));
        } catch (AggregateNotFoundException missingOrDeleted) {
            return Optional.empty();
        }
    }
}
