package org.fractionball.lms.command.activities;

import org.fractionball.lms.events.activities.ActivityDetails;
import org.fractionball.lms.events.activities.ActivityLocation;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fields a create, PUT or PATCH names; null means "not given": keep (or, on create, the
 * default). {@code videoAsset} may be cleared, so {@code videoGiven} says whether it was named.
 * {@code slug} null on create means "derive it from the title".
 */
public record ActivityEdit(String title, String slug, String description, Integer activityNumber, String grade,
                           List<String> topics, ActivityLocation location, List<String> prerequisites,
                           String learningObjectives, List<String> materials, List<String> gameRules,
                           Map<String, String> keyTerms, boolean videoGiven, UUID videoAsset,
                           List<UUID> teacherResources, List<UUID> studentResources, String iconType,
                           String thumbnailUri, Integer order, Boolean published) {

    /** An activity before any field is given: the defaults of contract A.1. */
    static final ActivityDetails DEFAULTS = new ActivityDetails("", "", "", 0, "", List.of(), ActivityLocation.CLASSROOM,
            List.of(), "", List.of(), List.of(), Map.of(), null, List.of(), List.of(), "cone", "", 0);

    /** {@code current} with the given fields applied; slug and links as resolved by the caller. */
    ActivityDetails applyTo(ActivityDetails current, String newSlug, ActivityLinks.Resolved links) {
        return new ActivityDetails(given(title, current.title()), newSlug, given(description, current.description()),
                given(activityNumber, current.activityNumber()), given(grade, current.grade()),
                given(topics, current.topics()), given(location, current.location()),
                given(prerequisites, current.prerequisites()),
                given(learningObjectives, current.learningObjectives()), given(materials, current.materials()),
                given(gameRules, current.gameRules()), given(keyTerms, current.keyTerms()), links.video(),
                links.teacherResources(), links.studentResources(), given(iconType, current.iconType()),
                given(thumbnailUri, current.thumbnailUri()), given(order, current.order()));
    }

    private static <T> T given(T edited, T current) {
        return edited != null ? edited : current;
    }
}
