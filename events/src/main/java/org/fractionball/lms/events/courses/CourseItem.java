package org.fractionball.lms.events.courses;

import java.util.UUID;

/** One step of a course: an existing activity, video or resource, by its id. */
public record CourseItem(CourseItemType type, UUID id) {
}
