package org.fractionball.lms.command.courses;

import org.fractionball.lms.events.courses.CourseDetails;
import org.fractionball.lms.events.courses.CourseItem;

import java.util.List;

/**
 * The fields a create, PUT or PATCH names; null means "not given" (keep the current value).
 * {@code school} is read on create only (ADMINs choose it; null is a global course).
 */
public record CourseEdit(String title, String description, String gradeBand, List<CourseItem> items, Long school) {
    static final CourseDetails EMPTY = new CourseDetails("", "", "");

    public CourseEdit {
        items = items == null ? null : List.copyOf(items);
    }

    CourseDetails applyTo(CourseDetails current) {
        return new CourseDetails(title != null ? title : current.title(),
                description != null ? description : current.description(),
                gradeBand != null ? gradeBand : current.gradeBand());
    }
}
