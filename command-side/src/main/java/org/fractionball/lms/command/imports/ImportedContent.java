package org.fractionball.lms.command.imports;

import org.axonframework.commandhandling.CommandHandler;
import org.fractionball.lms.command.content.ContentItems;
import org.fractionball.lms.events.content.ContentCreated;
import org.springframework.stereotype.Component;

/** Creates the draft video or resource of one CSV row, owned by the row's owner in the uploader's school. */
@Component
public class ImportedContent {
    private final ContentItems contents;

    public ImportedContent(ContentItems contents) {
        this.contents = contents;
    }

    @CommandHandler
    public void handle(ImportContentRow command) throws Exception {
        contents.create(new ContentCreated(command.contentId(), command.kind(), command.ownerId(), command.schoolId(),
                command.details(), null));
    }
}
