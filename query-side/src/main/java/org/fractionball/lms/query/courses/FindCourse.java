package org.fractionball.lms.query.courses;

import java.util.UUID;

/** One course, when {@code scope} sees it. */
public record FindCourse(UUID courseId, CourseScope scope) {
}
