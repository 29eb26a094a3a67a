package org.fractionball.lms.events.courses;

/**
 * What describes a course. {@code gradeBand} is one grade ({@code 4}) or a range of grades
 * ({@code 3-5}, {@code K-2}), or empty when the course names none.
 */
public record CourseDetails(String title, String description, String gradeBand) {
}
