package org.fractionball.lms.command.courses;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.events.shared.AggregateIds;
import org.springframework.stereotype.Component;

import java.util.UUID;

/**
 * Loads courses in the current unit of work. The course stays locked until the command ends, so an
 * enrolment's progress is judged against items no concurrent edit is changing.
 */
@Component
public class RepositoryCourseCatalogue implements CourseCatalogue {
    private final Repository<Course> courses;

    public RepositoryCourseCatalogue(Repository<Course> courses) {
        this.courses = courses;
    }

    @Override
    public CourseState find(UUID courseId) {
        try {
            return courses.load(AggregateIds.course(courseId)).invoke(Course::state);
        } catch (AggregateNotFoundException missingOrDeleted) {
            return null;
        }
    }
}
