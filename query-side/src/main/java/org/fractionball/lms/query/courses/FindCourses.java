package org.fractionball.lms.query.courses;

/** A page of courses by title. */
public record FindCourses(CourseFilter filter, long offset, int limit) {
}
