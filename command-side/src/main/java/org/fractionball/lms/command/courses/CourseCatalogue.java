package org.fractionball.lms.command.courses;

import java.util.UUID;

/** The courses enrolments follow, as the command side knows them (their aggregates). */
public interface CourseCatalogue {

    /** The course when it exists and is not deleted, else null. */
    CourseState find(UUID courseId);
}
