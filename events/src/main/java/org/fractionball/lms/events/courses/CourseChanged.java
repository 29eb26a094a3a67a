package org.fractionball.lms.events.courses;

import java.util.List;
import java.util.UUID;

/** The course's details or items (the whole ordered list) changed; {@code changedFields} names them. */
public record CourseChanged(UUID courseId, Long schoolId, CourseDetails details, List<CourseItem> items,
                            List<String> changedFields) {
}
