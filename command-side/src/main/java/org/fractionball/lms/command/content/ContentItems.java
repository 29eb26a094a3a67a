package org.fractionball.lms.command.content;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.events.content.ContentCreated;
import org.springframework.stereotype.Component;

/** Creates content items and answers with their state (an aggregate constructor can only return its id). */
@Component
public class ContentItems {
    private final Repository<ContentItem> items;

    public ContentItems(Repository<ContentItem> items) {
        this.items = items;
    }

    @CommandHandler
    public ContentState handle(CreateContent command) throws Exception {
        return create(new ContentCreated(command.contentId(), command.kind(), command.by().userId(),
                command.by().schoolId(), command.details(), null));
    }

    /** Creates the item {@code created} describes, in the current unit of work. */
    public ContentState create(ContentCreated created) throws Exception {
        return items.newInstance(() -> new ContentItem(created)).invoke(ContentItem::state);
    }
}
