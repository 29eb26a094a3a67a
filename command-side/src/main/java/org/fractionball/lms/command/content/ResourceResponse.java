package org.fractionball.lms.command.content;

import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's Resource (§3.7; no status_display), from the aggregate's state after a command. */
public record ResourceResponse(UUID id, String title, String description, String fileUri, String fileType,
                               String fileTypeDisplay, Long fileSize, String fileSizeFormatted, String grade,
                               String gradeDisplay, String topic, String topicDisplay, List<String> tags, long owner,
                               String ownerName, long school, String schoolName, ContentStatus status,
                               Instant createdAt, Instant updatedAt) {

    static ResourceResponse of(ContentState state, String ownerName, String schoolName) {
        ContentDetails d = state.details();
        ResourceFileType type = ResourceFileType.parse(d.fileType());
        return new ResourceResponse(state.contentId(), d.title(), d.description(), d.uri(), d.fileType(),
                type == null ? d.fileType() : type.display(), d.fileSize(),
                ContentFormats.resourceFileSize(d.fileSize()), d.grade(), Grade.display(d.grade()), d.topic(),
                Topic.display(d.topic()), d.tags(), state.ownerId(), ownerName, state.schoolId(), schoolName,
                state.status(), state.createdAt(), state.updatedAt());
    }
}
