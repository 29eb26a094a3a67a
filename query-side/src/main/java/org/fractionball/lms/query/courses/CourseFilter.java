package org.fractionball.lms.query.courses;

/**
 * Which courses a listing shows: those {@code scope} sees, narrowed by status, school ({@code global}
 * for global courses only), grade band and a search in title and description.
 */
public record CourseFilter(CourseScope scope, String status, Long school, boolean globalOnly, String gradeBand,
                           String search) {
}
