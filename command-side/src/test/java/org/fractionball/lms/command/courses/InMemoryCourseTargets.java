package org.fractionball.lms.command.courses;

import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test double of {@link RepositoryCourseTargets}: live targets by item, and every lookup in order. */
class InMemoryCourseTargets implements CourseTargets {
    private final Map<CourseItem, CourseTarget> live = new HashMap<>();
    final List<CourseItem> lookups = new ArrayList<>();

    CourseItem add(CourseItemType type, UUID id, String title, Long schoolId) {
        CourseItem item = new CourseItem(type, id);
        live.put(item, new CourseTarget(type, id, title, schoolId));
        return item;
    }

    /** The target's aggregate was deleted: loading it fails from now on. */
    void delete(CourseItem item) {
        live.remove(item);
    }

    CourseTarget target(CourseItem item) {
        return live.get(item);
    }

    @Override
    public CourseTarget find(CourseItem item) {
        lookups.add(item);
        return live.get(item);
    }
}
