package org.fractionball.lms.command.courses;

import org.fractionball.lms.events.courses.CourseItem;

/** The activities, videos and resources courses may include, as the command side knows them (their aggregates). */
public interface CourseTargets {

    /** The item's target when it exists and is not deleted, else null. */
    CourseTarget find(CourseItem item);
}
