package org.fractionball.lms.command.activities;

import org.fractionball.lms.events.activities.ActivityDetails;
import org.fractionball.lms.events.activities.ActivityFormats;
import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.events.shared.AggregateIds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An activity (contract A.1 fields plus display strings and the linked content) as a command
 * answers it, from the aggregate's state: the same shape as {@code GET /api/activities/{slug}/}.
 */
public record ActivityResponse(UUID id, String title, String slug, String description, int activityNumber,
                               String grade, String gradeDisplay, List<String> topics, String location,
                               String locationDisplay, List<String> prerequisites, String learningObjectives,
                               List<String> learningObjectivesList, List<String> materials, List<String> gameRules,
                               Map<String, String> keyTerms, UUID videoAsset, Video video,
                               List<Resource> teacherResources, List<Resource> studentResources, String iconType,
                               String thumbnailUri, boolean isPublished, int order, Instant createdAt,
                               Instant updatedAt) {

    /** The linked video as the activity shows it. */
    public record Video(UUID id, String title, String durationFormatted) {
    }

    /** A linked resource as the activity shows it. */
    public record Resource(UUID id, String title, String fileType) {
    }

    static ActivityResponse of(ActivityResult result) {
        ActivityState state = result.state();
        ActivityDetails d = state.details();
        LinkedItem video = d.videoAsset() == null ? null
                : result.linked().get(AggregateIds.content(ContentKind.VIDEO, d.videoAsset()));
        return new ActivityResponse(state.activityId(), d.title(), d.slug(), d.description(), d.activityNumber(),
                d.grade(), Grade.display(d.grade()), d.topics(), d.location().value(), d.location().display(),
                d.prerequisites(), d.learningObjectives(), ActivityFormats.learningObjectivesList(d.learningObjectives()),
                d.materials(), d.gameRules(), d.keyTerms(), video == null ? null : video.id(),
                video == null ? null : new Video(video.id(), video.title(), ContentFormats.duration(video.duration())),
                resources(d.teacherResources(), result.linked()), resources(d.studentResources(), result.linked()),
                d.iconType(), d.thumbnailUri(), state.published(), d.order(), state.createdAt(), state.updatedAt());
    }

    private static List<Resource> resources(List<UUID> ids, Map<String, LinkedItem> linked) {
        List<Resource> resources = new ArrayList<>();
        for (UUID id : ids) {
            LinkedItem item = linked.get(AggregateIds.content(ContentKind.RESOURCE, id));
            if (item != null) {
                resources.add(new Resource(item.id(), item.title(), item.fileType()));
            }
        }
        return resources;
    }
}
