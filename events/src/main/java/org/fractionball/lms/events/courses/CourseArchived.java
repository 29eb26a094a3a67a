package org.fractionball.lms.events.courses;

import java.util.UUID;

/** The course is retired: no new enrolments or progress; its enrolments stay readable. */
public record CourseArchived(UUID courseId, Long schoolId, String title) {
}
