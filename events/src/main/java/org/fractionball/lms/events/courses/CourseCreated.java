package org.fractionball.lms.events.courses;

import java.util.List;
import java.util.UUID;

/** A course was written as a draft; {@code schoolId} null makes it a global course. */
public record CourseCreated(UUID courseId, Long schoolId, CourseDetails details, List<CourseItem> items,
                            long createdBy) {
}
