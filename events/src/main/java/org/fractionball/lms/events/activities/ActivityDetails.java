package org.fractionball.lms.events.activities;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Everything an admin edits on an activity (contract A.1). {@code keyTerms} keeps the order the
 * terms were given in; {@code videoAsset} and the resource lists are content item ids (videos,
 * resources) that existed and were not deleted when the details were written.
 */
public record ActivityDetails(String title, String slug, String description, int activityNumber, String grade,
                              List<String> topics, ActivityLocation location, List<String> prerequisites,
                              String learningObjectives, List<String> materials, List<String> gameRules,
                              Map<String, String> keyTerms, UUID videoAsset, List<UUID> teacherResources,
                              List<UUID> studentResources, String iconType, String thumbnailUri, int order) {

    public ActivityDetails {
        topics = listOf(topics);
        prerequisites = listOf(prerequisites);
        materials = listOf(materials);
        gameRules = listOf(gameRules);
        keyTerms = keyTerms == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(keyTerms));
        teacherResources = listOf(teacherResources);
        studentResources = listOf(studentResources);
    }

    private static <T> List<T> listOf(List<T> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
