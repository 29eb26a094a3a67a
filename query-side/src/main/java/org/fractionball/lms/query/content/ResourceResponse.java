package org.fractionball.lms.query.content;

import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.ResourceFileType;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.projections.content.ContentView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's Resource (§3.7), fields in contract order; resources have no {@code status_display}. */
public record ResourceResponse(UUID id, String title, String description, String fileUri, String fileType,
                               String fileTypeDisplay, Long fileSize, String fileSizeFormatted, String grade,
                               String gradeDisplay, String topic, String topicDisplay, List<String> tags, long owner,
                               String ownerName, long school, String schoolName, ContentStatus status,
                               Instant createdAt, Instant updatedAt) {

    public static ResourceResponse of(ContentView resource) {
        ResourceFileType type = ResourceFileType.parse(resource.fileType());
        return new ResourceResponse(resource.id(), resource.title(), resource.description(), resource.uri(),
                resource.fileType(), type == null ? resource.fileType() : type.display(), resource.fileSize(),
                ContentFormats.resourceFileSize(resource.fileSize()), resource.grade(),
                Grade.display(resource.grade()), resource.topic(), Topic.display(resource.topic()), resource.tags(),
                resource.ownerId(), VideoResponse.orEmpty(resource.ownerName()), resource.schoolId(),
                VideoResponse.orEmpty(resource.schoolName()), resource.status(), resource.createdAt(),
                resource.updatedAt());
    }
}
