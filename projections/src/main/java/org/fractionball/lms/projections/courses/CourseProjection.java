package org.fractionball.lms.projections.courses;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.courses.CourseArchived;
import org.fractionball.lms.events.courses.CourseChanged;
import org.fractionball.lms.events.courses.CourseCreated;
import org.fractionball.lms.events.courses.CourseDeleted;
import org.fractionball.lms.events.courses.CourseItem;
import org.fractionball.lms.events.courses.CourseItemCompleted;
import org.fractionball.lms.events.courses.CourseItemStarted;
import org.fractionball.lms.events.courses.CoursePublished;
import org.fractionball.lms.events.courses.CourseStatus;
import org.fractionball.lms.events.courses.EnrolmentCompleted;
import org.fractionball.lms.events.courses.EnrolmentReopened;
import org.fractionball.lms.events.courses.EnrolmentStatus;
import org.fractionball.lms.events.courses.EnrolmentWithdrawn;
import org.fractionball.lms.events.courses.UserEnrolled;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.ReadModelChanges;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code course_view}, {@code course_item_view}, {@code enrolment_view} and
 * {@code enrolment_item_view}. Runs in the processor's transaction together with its token; every
 * write sets absolute values, so handling an event twice leaves the same rows. A removed user's
 * enrolments and a deleted school's courses (with their enrolments) leave the read side; their
 * events stay.
 */
@Component
@ProcessingGroup(ProjectionNames.COURSES)
public class CourseProjection {
    private final JdbcTemplate jdbc;

    public CourseProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(CourseCreated event, @Timestamp Instant at) {
        write("""
                INSERT INTO course_view (id, school_id, title, description, grade_band, status, created_by, created_at,
                                         updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.courseId(), event.schoolId(), event.details().title(), event.details().description(),
                event.details().gradeBand(), CourseStatus.DRAFT.value(), event.createdBy(), time(at), time(at));
        replaceItems(event.courseId(), event.items());
    }

    @EventHandler
    void on(CourseChanged event, @Timestamp Instant at) {
        write("UPDATE course_view SET title = ?, description = ?, grade_band = ?, updated_at = ? WHERE id = ?",
                event.details().title(), event.details().description(), event.details().gradeBand(), time(at),
                event.courseId());
        replaceItems(event.courseId(), event.items());
    }

    @EventHandler
    void on(CoursePublished event, @Timestamp Instant at) {
        status(event.courseId(), CourseStatus.PUBLISHED, at);
    }

    @EventHandler
    void on(CourseArchived event, @Timestamp Instant at) {
        status(event.courseId(), CourseStatus.ARCHIVED, at);
    }

    @EventHandler
    void on(CourseDeleted event) {
        write("DELETE FROM course_view WHERE id = ?", event.courseId());
    }

    @EventHandler
    void on(UserEnrolled event, @Timestamp Instant at) {
        write("""
                INSERT INTO enrolment_view (id, course_id, user_id, status, enrolled_by, enrolled_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""",
                event.enrolmentId(), event.courseId(), event.userId(), EnrolmentStatus.ACTIVE.value(),
                event.enrolledBy(), time(at), time(at));
    }

    @EventHandler
    void on(EnrolmentReopened event, @Timestamp Instant at) {
        write("UPDATE enrolment_view SET status = ?, enrolled_by = ?, withdrawn_at = NULL, updated_at = ? "
                + "WHERE id = ?", EnrolmentStatus.ACTIVE.value(), event.enrolledBy(), time(at), event.enrolmentId());
    }

    @EventHandler
    void on(CourseItemStarted event, @Timestamp Instant at) {
        write("""
                INSERT INTO enrolment_item_view (enrolment_id, item_id, status, started_at)
                SELECT id, ?, 'started', ? FROM enrolment_view WHERE id = ?
                ON CONFLICT (enrolment_id, item_id) DO NOTHING""", event.itemId(), time(at), event.enrolmentId());
        touch(event.enrolmentId(), at);
    }

    @EventHandler
    void on(CourseItemCompleted event, @Timestamp Instant at) {
        write("""
                INSERT INTO enrolment_item_view (enrolment_id, item_id, status, started_at, completed_at)
                SELECT id, ?, 'completed', ?, ? FROM enrolment_view WHERE id = ?
                ON CONFLICT (enrolment_id, item_id) DO UPDATE SET status = 'completed', completed_at = excluded.completed_at""",
                event.itemId(), time(at), time(at), event.enrolmentId());
        touch(event.enrolmentId(), at);
    }

    @EventHandler
    void on(EnrolmentCompleted event, @Timestamp Instant at) {
        write("UPDATE enrolment_view SET status = ?, completed_at = ?, updated_at = ? WHERE id = ?",
                EnrolmentStatus.COMPLETED.value(), time(at), time(at), event.enrolmentId());
    }

    @EventHandler
    void on(EnrolmentWithdrawn event, @Timestamp Instant at) {
        write("UPDATE enrolment_view SET status = ?, withdrawn_at = ?, updated_at = ? WHERE id = ?",
                EnrolmentStatus.WITHDRAWN.value(), time(at), time(at), event.enrolmentId());
    }

    /** A removed user's enrolments leave the read side with it. */
    @EventHandler
    void on(UserRemoved event) {
        write("DELETE FROM enrolment_view WHERE user_id = ?", event.userId());
    }

    /**
     * A deleted school's courses leave with their enrolments. Its users' enrolments in global
     * courses stay in the table but leave the API with the users (queries join user_view).
     */
    @EventHandler
    void on(SchoolDeleted event) {
        write("DELETE FROM enrolment_view WHERE course_id IN (SELECT id FROM course_view WHERE school_id = ?)",
                event.schoolId());
        write("DELETE FROM course_view WHERE school_id = ?", event.schoolId());
    }

    @ResetHandler
    void reset() {
        write("TRUNCATE enrolment_item_view, enrolment_view, course_item_view, course_view");
    }

    private void status(UUID courseId, CourseStatus status, Instant at) {
        write("UPDATE course_view SET status = ?, updated_at = ? WHERE id = ?", status.value(), time(at),
                courseId);
    }

    private void touch(UUID enrolmentId, Instant at) {
        write("UPDATE enrolment_view SET updated_at = ? WHERE id = ?", time(at), enrolmentId);
    }

    private void replaceItems(UUID courseId, List<CourseItem> items) {
        write("DELETE FROM course_item_view WHERE course_id = ?", courseId);
        for (int i = 0; i < items.size(); i++) {
            write("""
                    INSERT INTO course_item_view (course_id, position, item_type, item_id)
                    SELECT id, ?, ?, ? FROM course_view WHERE id = ? ON CONFLICT DO NOTHING""",
                    i + 1, items.get(i).type().value(), items.get(i).id(), courseId);
        }
    }

    /**
     * Every write of the tables tells the nodes' in-memory copies of figures computed from them
     * ({@link ReadModelChanges}: once per batch, as it commits).
     */
    private void write(String sql, Object... arguments) {
        ReadModelChanges.update(jdbc, ProjectionNames.COURSES, sql, arguments);
    }

    private static java.sql.Timestamp time(Instant at) {
        return java.sql.Timestamp.from(at);
    }
}
