package org.fractionball.lms.events.courses;

import java.util.UUID;

/** A draft course was deleted (drafts never had enrolments); its history stays. */
public record CourseDeleted(UUID courseId, Long schoolId, String title) {
}
