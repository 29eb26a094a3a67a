package org.fractionball.lms.command.courses;

import java.util.List;

/** What a course command answers with: the course and the targets of its items that are live. */
public record CourseResult(CourseState state, List<CourseTarget> items) {

    public CourseResult {
        items = List.copyOf(items);
    }
}
