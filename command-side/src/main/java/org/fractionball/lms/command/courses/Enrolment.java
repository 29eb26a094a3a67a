package org.fractionball.lms.command.courses;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.fractionball.lms.command.accounts.UserRegistry;
import org.fractionball.lms.command.web.CommandRejected;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemCompleted;
import org.fractionball.lms.events.courses.CourseItemStarted;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.courses.EnrolmentCompleted;
import org.fractionball.lms.events.courses.EnrolmentReopened;
import org.fractionball.lms.events.courses.EnrolmentStatus;
import org.fractionball.lms.events.courses.EnrolmentWithdrawn;
import org.fractionball.lms.events.courses.UserEnrolled;
import org.fractionball.lms.events.shared.AggregateIds;
import org.fractionball.lms.events.shared.Caller;
import org.fractionball.lms.events.shared.Role;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A user enrolled in a course, with the items it started and completed. Completion is an event of
 * its own, appended with the progress that completes the last item of the course. The id is
 * derived from (course, user) ({@link EnrolmentIds}): enrolling again reopens a withdrawn
 * enrolment and is refused otherwise.
 */
@Aggregate(snapshotTriggerDefinition = "aggregateSnapshotTrigger")
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
public class Enrolment {
    static final String MODEL = "Enrolment";
    static final String ALREADY_ENROLLED = "This user is already enrolled in this course.";
    static final String WITHDRAWN = "This enrolment was withdrawn.";
    static final String COURSE_ARCHIVED = "The course is archived.";
    static final String NOT_AN_ITEM = "Not an item of this course.";
    static final String COMPLETED_NOT_WITHDRAWN = "A completed enrolment cannot be withdrawn.";

    @AggregateIdentifier
    private String id;
    private UUID enrolmentId;
    private UUID courseId;
    private long userId;
    private EnrolmentStatus status;
    private long enrolledBy;
    private Map<UUID, Instant> started;
    private Map<UUID, Instant> completed;
    private Instant enrolledAt;
    private Instant completedAt;
    private Instant withdrawnAt;
    private Instant updatedAt;

    protected Enrolment() {
    }

    /** Called by {@link Enrolments}, which answers with the new state. */
    Enrolment(UserEnrolled enrolled) {
        apply(enrolled);
    }

    /** Enrolling again: a withdrawn enrolment becomes active, any other is a conflict. */
    EnrolmentState reopen(Caller by, CourseState course) {
        if (status != EnrolmentStatus.WITHDRAWN) {
            throw CommandRejected.conflict(ALREADY_ENROLLED);
        }
        apply(new EnrolmentReopened(enrolmentId, courseId, userId, by.userId()));
        completeIfDone(course);
        return state();
    }

    @CommandHandler
    public EnrolmentResult handle(RecordProgress command, CourseCatalogue courses, UserRegistry users) {
        requireAccess(command.by(), users, false);
        if (status == EnrolmentStatus.WITHDRAWN) {
            throw CommandRejected.error(400, WITHDRAWN);
        }
        CourseState course = courses.find(courseId);
        if (course == null || course.status() == CourseStatus.ARCHIVED) {
            throw CommandRejected.error(400, COURSE_ARCHIVED);
        }
        UUID item = command.itemId();
        if (course.items().stream().noneMatch(i -> i.id().equals(item))) {
            throw CommandRejected.field(400, "item_id", NOT_AN_ITEM);
        }
        if (command.completed() && !completed.containsKey(item)) {
            apply(new CourseItemCompleted(enrolmentId, courseId, userId, item));
        } else if (!command.completed() && !started.containsKey(item) && !completed.containsKey(item)) {
            apply(new CourseItemStarted(enrolmentId, courseId, userId, item));
        }
        completeIfDone(course);
        return new EnrolmentResult(state(), course);
    }

    @CommandHandler
    public EnrolmentResult handle(WithdrawEnrolment command, CourseCatalogue courses, UserRegistry users) {
        requireAccess(command.by(), users, true);
        if (status == EnrolmentStatus.COMPLETED) {
            throw CommandRejected.error(400, COMPLETED_NOT_WITHDRAWN);
        }
        if (status == EnrolmentStatus.ACTIVE) {
            apply(new EnrolmentWithdrawn(enrolmentId, courseId, userId, command.by().userId()));
        }
        return new EnrolmentResult(state(), courses.find(courseId));
    }

    /**
     * The enrolled user acts on its own enrolment; ADMINs and the SCHOOL_ADMIN of the user's school
     * see it (403 unless {@code adminsMay}); anyone else gets the 404 of an enrolment it cannot see.
     */
    private void requireAccess(Caller by, UserRegistry users, boolean adminsMay) {
        if (by.userId() == userId) {
            return;
        }
        boolean sees = by.isAdmin()
                || by.role() == Role.SCHOOL_ADMIN && Objects.equals(users.schoolOf(userId), by.schoolId());
        if (!sees) {
            throw CommandRejected.notFound(MODEL);
        }
        if (!adminsMay) {
            throw CommandRejected.forbidden(Course.NOT_PERMITTED);
        }
    }

    /** Completion is judged against the course's items now: every one of them completed. */
    private void completeIfDone(CourseState course) {
        if (status == EnrolmentStatus.ACTIVE && !course.items().isEmpty()
                && course.items().stream().map(CourseItem::id).allMatch(completed::containsKey)) {
            apply(new EnrolmentCompleted(enrolmentId, courseId, userId, course.items().size()));
        }
    }

    public EnrolmentState state() {
        return new EnrolmentState(enrolmentId, courseId, userId, status, enrolledBy, started, completed, enrolledAt,
                completedAt, withdrawnAt, updatedAt);
    }

    @EventSourcingHandler
    void on(UserEnrolled event, @Timestamp Instant at) {
        id = AggregateIds.enrolment(event.enrolmentId());
        enrolmentId = event.enrolmentId();
        courseId = event.courseId();
        userId = event.userId();
        status = EnrolmentStatus.ACTIVE;
        enrolledBy = event.enrolledBy();
        started = new HashMap<>();
        completed = new HashMap<>();
        enrolledAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(EnrolmentReopened event, @Timestamp Instant at) {
        status = EnrolmentStatus.ACTIVE;
        enrolledBy = event.enrolledBy();
        withdrawnAt = null;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CourseItemStarted event, @Timestamp Instant at) {
        started.put(event.itemId(), at);
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(CourseItemCompleted event, @Timestamp Instant at) {
        started.putIfAbsent(event.itemId(), at);
        completed.put(event.itemId(), at);
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(EnrolmentCompleted event, @Timestamp Instant at) {
        status = EnrolmentStatus.COMPLETED;
        completedAt = at;
        updatedAt = at;
    }

    @EventSourcingHandler
    void on(EnrolmentWithdrawn event, @Timestamp Instant at) {
        status = EnrolmentStatus.WITHDRAWN;
        withdrawnAt = at;
        updatedAt = at;
    }
}
