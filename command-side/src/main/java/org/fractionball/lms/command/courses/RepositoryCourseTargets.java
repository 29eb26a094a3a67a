package org.fractionball.lms.command.courses;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.fractionball.lms.command.activities.Activity;
import org.fractionball.lms.command.activities.ActivityState;
import org.fractionball.lms.command.content.ContentItem;
import org.fractionball.lms.command.content.ContentState;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemType;
import org.fractionball.lms.events.shared.AggregateIds;
import org.springframework.stereotype.Component;

/**
 * Loads activities and content items in the current unit of work: the command side decides from
 * aggregates, never from read tables. A deleted target reads as missing.
 */
@Component
public class RepositoryCourseTargets implements CourseTargets {
    private final Repository<Activity> activities;
    private final Repository<ContentItem> content;

    public RepositoryCourseTargets(Repository<Activity> activities, Repository<ContentItem> content) {
        this.activities = activities;
        this.content = content;
    }

    @Override
    public CourseTarget find(CourseItem item) {
        try {
            if (item.type() == CourseItemType.ACTIVITY) {
                ActivityState state = activities.load(AggregateIds.activity(item.id())).invoke(Activity::state);
                return new CourseTarget(item.type(), item.id(), state.details().title(), null);
            }
            ContentKind kind = item.type() == CourseItemType.VIDEO ? ContentKind.VIDEO : ContentKind.RESOURCE;
            ContentState state = content.load(AggregateIds.content(kind, item.id())).invoke(ContentItem::state);
            return new CourseTarget(item.type(), item.id(), state.details().title(), state.schoolId());
        } catch (AggregateNotFoundException missingOrDeleted) {
            return null;
        }
    }
}
