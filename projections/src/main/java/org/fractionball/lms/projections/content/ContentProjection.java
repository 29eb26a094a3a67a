package org.fractionball.lms.projections.content;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.accounts.PersonalDataErased;
import org.fractionball.lms.events.accounts.UserDetailsChanged;
import org.fractionball.lms.events.accounts.UserMovedToSchool;
import org.fractionball.lms.events.accounts.UserProvisioned;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.accounts.UserRoleChanged;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentPublishedWithoutReview;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.events.schools.SchoolDetailsChanged;
import org.fractionball.lms.events.schools.SchoolRegistered;
import org.fractionball.lms.events.shared.PersonalData;
import org.fractionball.lms.projections.BatchedWrites;
import org.fractionball.lms.projections.ProjectionNames;
import org.fractionball.lms.projections.content.ContentWrites.Change;
import org.fractionball.lms.projections.content.ContentWrites.RowChange;
import org.fractionball.lms.projections.content.ContentWrites.Statement;
import org.fractionball.lms.projections.library.LibraryVersions;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Keeps {@code content_view}: one row per live video or resource with its review state (its
 * {@code search_vector} is a generated column), and the library's {@code library_member} and
 * {@code library_school} (the names, roles and schools the library shows). Runs in the processor's
 * transaction together with its token; every write sets absolute values, so handling an event twice
 * leaves the same row. Every change a school's library shows raises that school's library version
 * in the same transaction.
 *
 * <p>The changes of a processor batch are collected ({@link BatchedWrites}) and written together when
 * it commits ({@link ContentWrites}): each item's row once, with the {@code content_history} versions
 * its events made, dated by those events, so a rebuild long afterwards reproduces the same history.
 */
@Component
@ProcessingGroup(ProjectionNames.CONTENT)
public class ContentProjection {
    private final JdbcTemplate jdbc;
    private final LibraryVersions libraryVersions;
    private final BatchedWrites<Change> writes = new BatchedWrites<>(ProjectionNames.CONTENT, this::run);

    public ContentProjection(JdbcTemplate jdbc, LibraryVersions libraryVersions) {
        this.jdbc = jdbc;
        this.libraryVersions = libraryVersions;
    }

    @EventHandler
    void on(ContentCreated event, @Timestamp Instant at) {
        ContentRow created = ContentRow.created(kind(event.kind()), event.contentId(), event.details(),
                event.ownerId(), event.schoolId(), event.storagePath(), at);
        writes.add(new RowChange(at, created.kind(), created.id(), row -> row == null ? created : row));
    }

    @EventHandler
    void on(ContentDetailsChanged event, @Timestamp Instant at) {
        change(event.kind(), event.contentId(), at, row -> row.withDetails(event.details(), at));
    }

    @EventHandler
    void on(ContentSubmittedForReview event, @Timestamp Instant at) {
        change(event.kind(), event.contentId(), at, row -> row.submitted(at));
    }

    @EventHandler
    void on(ContentApproved event, @Timestamp Instant at) {
        change(event.kind(), event.contentId(), at,
                row -> row.reviewed(ContentStatus.PUBLISHED, event.reviewerId(), event.notes(), at));
    }

    @EventHandler
    void on(ContentPublishedWithoutReview event, @Timestamp Instant at) {
        change(event.kind(), event.contentId(), at, row -> row.publishedWithoutReview(at));
    }

    @EventHandler
    void on(ContentRejected event, @Timestamp Instant at) {
        change(event.kind(), event.contentId(), at,
                row -> row.reviewed(ContentStatus.REJECTED, event.reviewerId(), event.reason(), at));
    }

    @EventHandler
    void on(ContentReturnedToDraft event, @Timestamp Instant at) {
        change(event.kind(), event.contentId(), at, row -> row.returnedToDraft(at));
    }

    @EventHandler
    void on(ContentDeleted event, @Timestamp Instant at) {
        change(event.kind(), event.contentId(), at, row -> null);
    }

    /** Removing a user removes what it owns from the API, as the original's cascade did (§5.4). */
    @EventHandler
    void on(UserRemoved event, @Timestamp Instant at) {
        writes.add(new Statement(at, """
                WITH content AS (DELETE FROM content_view WHERE kind IN ('video', 'resource') AND owner_id = ?
                                 RETURNING school_id),
                     member AS (DELETE FROM library_member WHERE id = ? RETURNING school_id)
                SELECT school_id FROM content UNION SELECT school_id FROM member""",
                new Object[] {event.userId(), event.userId()}, true, List.of(), true));
    }

    /** Deleting a school removes its content from the API, as the original's cascade did (§5.3). */
    @EventHandler
    void on(SchoolDeleted event, @Timestamp Instant at) {
        writes.add(new Statement(at, "DELETE FROM content_view WHERE school_id = ?", new Object[] {event.schoolId()},
                false, List.of(), true));
        write(at, List.of(), "DELETE FROM library_member WHERE school_id = ?", event.schoolId());
        write(at, List.of(event.schoolId()), "DELETE FROM library_school WHERE id = ?", event.schoolId());
    }

    /** Nothing shows a user without content or a school yet, so neither creation raises a version. */
    @EventHandler
    void on(UserProvisioned event, @Timestamp Instant at) {
        write(at, List.of(), """
                INSERT INTO library_member (id, school_id, role, full_name) VALUES (?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""", event.userId(), event.schoolId(), event.role().name(),
                fullName(event.username(), event.firstName(), event.lastName()));
    }

    /** The name is on every item the user owns, in any school; e-mail or phone changes show nowhere. */
    @EventHandler
    void on(UserDetailsChanged event, @Timestamp Instant at) {
        rename(at, event.userId(), fullName(event.username(), event.firstName(), event.lastName()));
    }

    /** The owner's name reads as a rebuild would show it: made of erased fields. */
    @EventHandler
    void on(PersonalDataErased event, @Timestamp Instant at) {
        rename(at, event.userId(), fullName(PersonalData.ERASED, PersonalData.ERASED, PersonalData.ERASED));
    }

    private void rename(Instant at, long userId, String fullName) {
        changed(at, """
                WITH member AS (UPDATE library_member SET full_name = ? WHERE id = ? AND full_name <> ?
                                RETURNING school_id)
                SELECT school_id FROM member
                UNION SELECT c.school_id FROM content_view c, member
                      WHERE c.kind IN ('video', 'resource') AND c.owner_id = ?""",
                fullName, userId, fullName, userId);
    }

    /** The role decides whether the user is an {@code owner} choice and in {@code active_teachers}. */
    @EventHandler
    void on(UserRoleChanged event, @Timestamp Instant at) {
        changed(at, "UPDATE library_member SET role = ? WHERE id = ? RETURNING school_id", event.newRole().name(),
                event.userId());
    }

    /** The user leaves one school's owner choices and teacher figures for the other's; its content stays. */
    @EventHandler
    void on(UserMovedToSchool event, @Timestamp Instant at) {
        write(at, List.of(event.fromSchoolId(), event.toSchoolId()), "UPDATE library_member SET school_id = ? WHERE id = ?",
                event.toSchoolId(), event.userId());
    }

    @EventHandler
    void on(SchoolRegistered event, @Timestamp Instant at) {
        write(at, List.of(), "INSERT INTO library_school (id, name) VALUES (?, ?) ON CONFLICT (id) DO NOTHING",
                event.schoolId(), event.name());
    }

    @EventHandler
    void on(SchoolDetailsChanged event, @Timestamp Instant at) {
        changed(at, "UPDATE library_school SET name = ? WHERE id = ? AND name <> ? RETURNING id", event.name(),
                event.schoolId(), event.name());
    }

    /** {@code library_version} is never reset: a rebuild must keep raising versions, never reuse one. */
    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE content_view, content_history, library_member, library_school");
    }

    /** A change to one item's row, if it exists. */
    private void change(ContentKind kind, UUID contentId, Instant at, UnaryOperator<ContentRow> change) {
        writes.add(new RowChange(at, kind(kind), contentId, row -> row == null ? null : change.apply(row)));
    }

    /** A statement on the library's other tables that returns the ids of the schools whose library it changed. */
    private void changed(Instant at, String sql, Object... args) {
        writes.add(new Statement(at, sql, args, true, List.of(), false));
    }

    /** A statement on the library's other tables that changes the libraries of {@code schools}, or of none. */
    private void write(Instant at, List<Long> schools, String sql, Object... args) {
        writes.add(new Statement(at, sql, args, false, schools, false));
    }

    /** Writes a batch's changes, then raises the library versions of every school they changed, in ascending order. */
    private void run(List<Change> batch) {
        Set<Long> schools = jdbc.execute((ConnectionCallback<Set<Long>>) connection ->
                ContentWrites.write(connection, batch));
        libraryVersions.raise(new TreeSet<>(schools));
    }

    /** The contract's {@code full_name} (§3.2). */
    private static String fullName(String username, String firstName, String lastName) {
        return orEmpty(firstName).isEmpty() || orEmpty(lastName).isEmpty() ? orEmpty(username)
                : firstName + " " + lastName;
    }

    private static String kind(ContentKind kind) {
        return kind.category();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
