package org.fractionball.lms.command.content;

import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.Topic;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's Video (§3.5), from the aggregate's state after a command. */
public record VideoResponse(UUID id, String title, String description, String grade, String gradeDisplay,
                            String topic, String topicDisplay, List<String> tags, Integer duration,
                            String durationFormatted, Long fileSize, String fileSizeFormatted, String storageUri,
                            String thumbnailUri, long owner, String ownerName, long school, String schoolName,
                            ContentStatus status, String statusDisplay, Instant createdAt, Instant updatedAt) {

    static VideoResponse of(ContentState state, String ownerName, String schoolName) {
        ContentDetails d = state.details();
        return new VideoResponse(state.contentId(), d.title(), d.description(), d.grade(), Grade.display(d.grade()),
                d.topic(), Topic.display(d.topic()), d.tags(), d.duration(), ContentFormats.duration(d.duration()),
                d.fileSize(), ContentFormats.videoFileSize(d.fileSize()), d.uri(),
                d.thumbnailUri() == null ? "" : d.thumbnailUri(), state.ownerId(), ownerName, state.schoolId(),
                schoolName, state.status(), state.status().display(), state.createdAt(), state.updatedAt());
    }
}
