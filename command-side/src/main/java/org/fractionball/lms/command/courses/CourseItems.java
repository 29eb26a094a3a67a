package org.fractionball.lms.command.courses;

import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemType;
import org.fractionball.lms.events.shared.AggregateIds;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks the items of a course against the aggregates they name. Items the client names must be
 * live, appear once, and videos and resources must belong to the course's school (a global course
 * holds activities only: school content is invisible to the other schools). Items kept from before
 * whose target was deleted since are dropped.
 */
final class CourseItems {
    static final String FIELD = "items";
    static final String DUPLICATE = "Each item may appear only once.";
    static final String OTHER_SCHOOL = "Videos and resources must belong to the course's school; "
            + "a global course holds activities only.";

    private CourseItems() {
    }

    /** The items after an edit naming {@code named} (null: keep {@code current}), with their targets. */
    static CourseResult resolve(CourseState course, List<CourseItem> named, Long schoolId, CourseTargets targets) {
        if (named == null) {
            return new CourseResult(course, live(course.items(), targets));
        }
        if (new HashSet<>(named).size() != named.size()) {
            throw CommandRejected.field(400, FIELD, DUPLICATE);
        }
        Map<CourseItem, CourseTarget> found = load(named, targets);
        for (CourseItem item : named) {
            CourseTarget target = found.get(item);
            if (target == null) {
                throw CommandRejected.field(400, FIELD, "Invalid pk \"" + item.id() + "\" - object does not exist.");
            }
            if (item.type() != CourseItemType.ACTIVITY && !Objects.equals(target.schoolId(), schoolId)) {
                throw CommandRejected.field(400, FIELD, OTHER_SCHOOL);
            }
        }
        return new CourseResult(course, named.stream().map(found::get).toList());
    }

    /** The targets of the items that are still live, in item order. */
    static List<CourseTarget> live(List<CourseItem> items, CourseTargets targets) {
        Map<CourseItem, CourseTarget> found = load(items, targets);
        List<CourseTarget> live = new ArrayList<>();
        for (CourseItem item : items) {
            if (found.containsKey(item)) {
                live.add(found.get(item));
            }
        }
        return live;
    }

    /**
     * Loads each target once, in the order of their aggregate ids: loading locks an aggregate until
     * the command ends, and one global order keeps two commands from waiting on each other.
     */
    private static Map<CourseItem, CourseTarget> load(List<CourseItem> items, CourseTargets targets) {
        Map<String, CourseItem> ordered = new TreeMap<>();
        for (CourseItem item : items) {
            ordered.put(aggregateId(item), item);
        }
        Map<CourseItem, CourseTarget> found = new HashMap<>();
        Set<CourseItem> seen = new HashSet<>();
        ordered.values().forEach(item -> {
            if (seen.add(item)) {
                CourseTarget target = targets.find(item);
                if (target != null) {
                    found.put(item, target);
                }
            }
        });
        return found;
    }

    private static String aggregateId(CourseItem item) {
        return switch (item.type()) {
            case ACTIVITY -> AggregateIds.activity(item.id());
            case VIDEO, RESOURCE -> item.type().value() + "-" + item.id();
        };
    }
}
