package org.fractionball.lms.command.courses;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.courses.CourseArchived;
import org.fractionball.lms.events.courses.CourseChanged;
import org.fractionball.lms.events.courses.CourseCreated;
import org.fractionball.lms.events.courses.CourseDeleted;
import org.fractionball.lms.events.courses.CourseDetails;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CoursePublished;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

/**
 * An ordered curriculum unit (e.g. the 16 lessons of the Fraction Ball unit) of activities, videos
 * and resources: a draft, then published for enrolment, then archived. ADMINs manage every course
 * (global ones are theirs alone); SCHOOL_ADMINs manage their school's.
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Course {
    static final String MODEL = "Course";
    static final String NOT_PERMITTED = "You do not have permission to perform this action.";
    static final String ARCHIVED_UNCHANGEABLE = "An archived course cannot be changed.";
    static final String ARCHIVED_UNPUBLISHABLE = "An archived course cannot be published again.";
    static final String EMPTY_UNPUBLISHABLE = "A course needs at least one item to be published.";
    static final String ONLY_DRAFTS_DELETED = "Only draft courses can be deleted; archive a published course instead.";

    @AggregateIdentifier
    private String id;
    private UUID courseId;
    private Long schoolId;
    private CourseDetails details;
    private List<CourseItem> items;
    private CourseStatus status;
    private long createdBy;
    private Instant createdAt;
    private Instant updatedAt;

    protected Course() {
    }

    /** Called by {@link Courses}, which answers with the new state. */
    Course(CourseCreated created) {
        apply(created);
    }

    /** Only SCHOOL_ADMINs and ADMINs write courses; checked before any lookup, as DRF does. */
    static void requireManagerRole(Caller by) {
        if (by == null || !by.isSchoolAdminOrAbove()) {
            throw CommandRejected.forbidden(NOT_PERMITTED);
        }
    }

    /**
     * Whether {@code caller} sees a course: ADMINs every one; SCHOOL_ADMINs their school's and the
     * global ones past draft; everyone else the published ones of their school and the global ones.
     */
    static boolean visibleTo(Long schoolId, CourseStatus status, Caller caller) {
        if (caller.isAdmin()) {
            return true;
        }
        boolean own = schoolId != null && schoolId == caller.schoolId();
        if (caller.isSchoolAdminOrAbove()) {
            return own || schoolId == null && status != CourseStatus.DRAFT;
        }
        return status == CourseStatus.PUBLISHED && (own || schoolId == null);
    }

    /** ADMIN: any course; SCHOOL_ADMIN: its school's (a global one it sees is 403, one it does not see 404). */
    private void requireManager(Caller by) {
        requireManagerRole(by);
        if (by.isAdmin() || Objects.equals(schoolId, by.schoolId())) {
            return;
        }
        if (visibleTo(schoolId, status, by)) {
            throw CommandRejected.forbidden(NOT_PERMITTED);
        }
        throw CommandRejected.notFound(MODEL);
    }

    @CommandHandler
    public CourseResult handle(ChangeCourse command, CourseTargets targets) {
        requireManager(command.by());
        if (status == CourseStatus.ARCHIVED) {
            throw CommandRejected.error(400, ARCHIVED_UNCHANGEABLE);
        }
        CourseResult resolved = CourseItems.resolve(state(), command.edit().items(), schoolId, targets);
        List<CourseItem> newItems = resolved.items().stream().map(t -> new CourseItem(t.type(), t.id())).toList();
        CourseDetails changed = command.edit().applyTo(details);
        List<String> changedFields = new ArrayList<>();
        if (!changed.title().equals(details.title())) {
            changedFields.add("title");
        }
        if (!changed.description().equals(details.description())) {
            changedFields.add("description");
        }
        if (!changed.gradeBand().equals(details.gradeBand())) {
            changedFields.add("grade_band");
        }
        if (!newItems.equals(items)) {
            changedFields.add("items");
        }
        if (!changedFields.isEmpty()) {
            apply(new CourseChanged(courseId, schoolId, changed, newItems, changedFields));
        }
        return new CourseResult(state(), resolved.items());
    }

    @CommandHandler
    public CourseResult handle(PublishCourse command, CourseTargets targets) {
        requireManager(command.by());
        if (status == CourseStatus.ARCHIVED) {
            throw CommandRejected.error(400, ARCHIVED_UNPUBLISHABLE);
        }
        List<CourseTarget> live = CourseItems.live(items, targets);
        if (status == CourseStatus.DRAFT) {
            if (live.isEmpty()) {
                throw CommandRejected.error(400, EMPTY_UNPUBLISHABLE);
            }
            apply(new CoursePublished(courseId, schoolId, details.title()));
        }
        return new CourseResult(state(), live);
    }

    @CommandHandler
    public CourseResult handle(ArchiveCourse command, CourseTargets targets) {
        requireManager(command.by());
        if (status != CourseStatus.ARCHIVED) {
            apply(new CourseArchived(courseId, schoolId, details.title()));
        }
        return new CourseResult(state(), CourseItems.live(items, targets));
    }

    @CommandHandler
    public void handle(DeleteCourse command) {
        requireManager(command.by());
        if (status != CourseStatus.DRAFT) {
            throw CommandRejected.error(400, ONLY_DRAFTS_DELETED);
        }
        apply(new CourseDeleted(courseId, schoolId, details.title()));
    }

    public CourseState state() {
        return new CourseState(courseId, schoolId, details, items, status, createdBy, createdAt, updatedAt);
    }

    @EventSourcingHandler
    void on(CourseCreated event, @Timestamp Instant at) {
        id = AggregateIds.course(event.courseId());
        courseId = event.courseId();
        schoolId = event.schoolId();
        details = event.details();
        items = List.copyOf(event.items());
        status = CourseStatus.DRAFT;
        createdBy = event.createdBy();
        createdAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CourseChanged event, @Timestamp Instant at) {
        details = event.details();
        items = List.copyOf(event.items());
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CoursePublished event, @Timestamp Instant at) {
        status = CourseStatus.PUBLISHED;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CourseArchived event, @Timestamp Instant at) {
        status = CourseStatus.ARCHIVED;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CourseDeleted event) {
        markDeleted();
    }
}
