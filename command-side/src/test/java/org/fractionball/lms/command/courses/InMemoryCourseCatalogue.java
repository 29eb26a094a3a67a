package org.fractionball.lms.command.courses;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Test double of {@link RepositoryCourseCatalogue}: live courses by id. */
class InMemoryCourseCatalogue implements CourseCatalogue {
    private final Map<UUID, CourseState> courses = new HashMap<>();

    void put(CourseState course) {
        courses.put(course.courseId(), course);
    }

    @Override
    public CourseState find(UUID courseId) {
        return courses.get(courseId);
    }
}
