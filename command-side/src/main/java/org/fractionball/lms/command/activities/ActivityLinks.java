package org.fractionball.lms.command.activities;

import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.activities.ActivityDetails;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Checks the videos and resources an activity links to against their aggregates. Ids the client
 * names must be live content of the right kind (else 400 naming the field); ids kept from before
 * whose content was deleted since are dropped, as the original's "set null on delete" did.
 */
final class ActivityLinks {
    static final String VIDEO_ASSET = "video_asset";
    static final String TEACHER_RESOURCES = "teacher_resources";
    static final String STUDENT_RESOURCES = "student_resources";

    private ActivityLinks() {
    }

    /** The links after {@code edit}, and the refusals of named ids. */
    record Resolved(UUID video, List<UUID> teacherResources, List<UUID> studentResources,
                    Map<String, LinkedItem> items, Map<String, List<String>> errors) {
    }

    /** The links {@code edit} leaves on {@code current}; every error is collected, none thrown. */
    static Resolved resolve(ActivityEdit edit, ActivityDetails current, LinkedContent content) {
        UUID video = edit.videoGiven() ? edit.videoAsset() : current.videoAsset();
        List<UUID> teacher = edit.teacherResources() != null ? edit.teacherResources() : current.teacherResources();
        List<UUID> student = edit.studentResources() != null ? edit.studentResources() : current.studentResources();
        Map<String, LinkedItem> items = load(content, video, teacher, student);
        Map<String, List<String>> errors = new LinkedHashMap<>();

        if (video != null && !items.containsKey(AggregateIds.content(ContentKind.VIDEO, video))) {
            if (edit.videoGiven()) {
                errors.put(VIDEO_ASSET, List.of(doesNotExist(video)));
            }
            video = null;
        }
        teacher = live(teacher, edit.teacherResources() != null, TEACHER_RESOURCES, items, errors);
        student = live(student, edit.studentResources() != null, STUDENT_RESOURCES, items, errors);
        return new Resolved(video, teacher, student, items, errors);
    }

    /** The content an activity links to now, for its answer (deleted content is left out). */
    static Map<String, LinkedItem> current(ActivityDetails details, LinkedContent content) {
        return load(content, details.videoAsset(), details.teacherResources(), details.studentResources());
    }

    static void throwIfAny(Map<String, List<String>> errors) {
        if (!errors.isEmpty()) {
            throw CommandRejected.fieldErrors(errors);
        }
    }

    /**
     * Loads each linked item once, in the order of their aggregate ids: loading locks an aggregate
     * until the command ends, and one global order keeps two commands from waiting on each other.
     */
    private static Map<String, LinkedItem> load(LinkedContent content, UUID video, List<UUID> teacher,
                                                List<UUID> student) {
        Map<String, Ref> wanted = new TreeMap<>();
        if (video != null) {
            wanted.put(AggregateIds.content(ContentKind.VIDEO, video), new Ref(ContentKind.VIDEO, video));
        }
        for (UUID resource : teacher) {
            wanted.put(AggregateIds.content(ContentKind.RESOURCE, resource), new Ref(ContentKind.RESOURCE, resource));
        }
        for (UUID resource : student) {
            wanted.put(AggregateIds.content(ContentKind.RESOURCE, resource), new Ref(ContentKind.RESOURCE, resource));
        }
        Map<String, LinkedItem> found = new LinkedHashMap<>();
        wanted.forEach((aggregateId, ref) -> {
            LinkedItem item = content.find(ref.kind(), ref.id());
            if (item != null) {
                found.put(aggregateId, item);
            }
        });
        return found;
    }

    private static List<UUID> live(List<UUID> ids, boolean named, String field, Map<String, LinkedItem> items,
                                   Map<String, List<String>> errors) {
        List<UUID> kept = new ArrayList<>();
        for (UUID id : ids) {
            if (items.containsKey(AggregateIds.content(ContentKind.RESOURCE, id))) {
                kept.add(id);
            } else if (named && !errors.containsKey(field)) {
                // DRF reports the first id of a list that does not resolve
                errors.put(field, List.of(doesNotExist(id)));
            }
        }
        return kept;
    }

    private record Ref(ContentKind kind, UUID id) {
    }

    private static String doesNotExist(UUID id) {
        return "Invalid pk \"" + id + "\" - object does not exist.";
    }
}
