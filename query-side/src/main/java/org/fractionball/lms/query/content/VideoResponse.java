package org.fractionball.lms.query.content;

import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.content.Topic;
import org.fractionball.lms.projections.content.ContentView;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The contract's Video (§3.5), fields in contract order. */
public record VideoResponse(UUID id, String title, String description, String grade, String gradeDisplay,
                            String topic, String topicDisplay, List<String> tags, Integer duration,
                            String durationFormatted, Long fileSize, String fileSizeFormatted, String storageUri,
                            String thumbnailUri, long owner, String ownerName, long school, String schoolName,
                            ContentStatus status, String statusDisplay, Instant createdAt, Instant updatedAt) {

    public static VideoResponse of(ContentView video) {
        return new VideoResponse(video.id(), video.title(), video.description(), video.grade(),
                Grade.display(video.grade()), video.topic(), Topic.display(video.topic()), video.tags(),
                video.duration(), ContentFormats.duration(video.duration()), video.fileSize(),
                ContentFormats.videoFileSize(video.fileSize()), video.uri(), video.thumbnailUri(), video.ownerId(),
                orEmpty(video.ownerName()), video.schoolId(), orEmpty(video.schoolName()), video.status(),
                video.status().display(), video.createdAt(), video.updatedAt());
    }

    static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
