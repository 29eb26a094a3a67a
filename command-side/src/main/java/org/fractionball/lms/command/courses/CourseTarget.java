package org.fractionball.lms.command.courses;

import org.fractionball.lms.events.courses.CourseItemType;

import java.util.UUID;

/** A live activity, video or resource a course item names; {@code schoolId} null for activities (global). */
public record CourseTarget(CourseItemType type, UUID id, String title, Long schoolId) {
}
