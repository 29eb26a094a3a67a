package org.fractionball.lms.events.courses;

import java.util.UUID;

/** The course is open for enrolment and visible to the teachers of its school (every school when global). */
public record CoursePublished(UUID courseId, Long schoolId, String title) {
}
