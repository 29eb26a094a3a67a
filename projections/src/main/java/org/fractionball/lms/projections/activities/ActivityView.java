package org.fractionball.lms.projections.activities;

import org.fractionball.lms.events.activities.ActivityLocation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A row of {@code activity_view} with its linked content as {@code content_view} shows it now:
 * {@code video} is null, and resources are left out, when the content is gone from the read side.
 */
public record ActivityView(UUID id, String title, String slug, String description, int activityNumber, String grade,
                           List<String> topics, ActivityLocation location, List<String> prerequisites,
                           String learningObjectives, List<String> materials, List<String> gameRules,
                           Map<String, String> keyTerms, LinkedVideo video, List<LinkedResource> teacherResources,
                           List<LinkedResource> studentResources, String iconType, String thumbnailUri,
                           boolean published, int order, Instant createdAt, Instant updatedAt) {

    /** A linked video: what the activity shows of it. */
    public record LinkedVideo(UUID id, String title, Integer duration) {
    }

    /** A linked resource: what the activity shows of it. */
    public record LinkedResource(UUID id, String title, String fileType) {
    }
}
