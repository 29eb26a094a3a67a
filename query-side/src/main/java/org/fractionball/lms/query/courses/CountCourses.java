package org.fractionball.lms.query.courses;

/** How many courses a listing holds. */
public record CountCourses(CourseFilter filter) {
}
