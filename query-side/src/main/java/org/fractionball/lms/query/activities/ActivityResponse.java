package org.fractionball.lms.query.activities;

import org.fractionball.lms.events.activities.ActivityFormats;
import org.fractionball.lms.events.content.ContentFormats;
import org.fractionball.lms.events.content.Grade;
import org.fractionball.lms.projections.activities.ActivityView;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An activity: the fields of contract A.1 in its order, each followed by its computed companion
 * ({@code grade_display}, {@code location_display}, {@code learning_objectives_list}, {@code video});
 * the resource fields list the linked resources as {@code {id, title, file_type}}.
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

    static ActivityResponse of(ActivityView a) {
        ActivityView.LinkedVideo v = a.video();
        return new ActivityResponse(a.id(), a.title(), a.slug(), a.description(), a.activityNumber(), a.grade(),
                Grade.display(a.grade()), a.topics(), a.location().value(), a.location().display(), a.prerequisites(),
                a.learningObjectives(), ActivityFormats.learningObjectivesList(a.learningObjectives()), a.materials(),
                a.gameRules(), a.keyTerms(), v == null ? null : v.id(),
                v == null ? null : new Video(v.id(), v.title(), ContentFormats.duration(v.duration())),
                resources(a.teacherResources()), resources(a.studentResources()), a.iconType(), a.thumbnailUri(),
                a.published(), a.order(), a.createdAt(), a.updatedAt());
    }

    private static List<Resource> resources(List<ActivityView.LinkedResource> linked) {
        return linked.stream().map(r -> new Resource(r.id(), r.title(), r.fileType())).toList();
    }
}
