package org.fractionball.lms.projections.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.fractionball.lms.events.content.ContentDetails;
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
import org.fractionball.lms.projections.library.LibraryVersions;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Keeps {@code content_view}: one row per live video or resource with its review state (its
 * {@code search_vector} is a generated column), and the library's {@code library_member} and
 * {@code library_school} (the names, roles and schools the library shows). Runs in the processor's
 * transaction together with its token; every write sets absolute values, so handling an event twice
 * leaves the same row. Every change a school's library shows raises that school's library version
 * in the same transaction.
 *
 * <p>The statements of a processor batch are collected ({@link BatchedWrites}) and sent together,
 * in order, when it commits; each is preceded by its event's time ({@code lms.event_time}), by which
 * the history trigger on {@code content_view} dates the row versions, so a rebuild long afterwards
 * reproduces the same history.
 */
@Component
@ProcessingGroup(ProjectionNames.CONTENT)
public class ContentProjection {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keeps a query's parameters well below PgJDBC's limit (ContentCreated binds 18). */
    private static final int STATEMENTS_PER_QUERY = 500;

    private final JdbcTemplate jdbc;
    private final LibraryVersions libraryVersions;
    private final BatchedWrites<Write> writes = new BatchedWrites<>(ProjectionNames.CONTENT, this::run);

    public ContentProjection(JdbcTemplate jdbc, LibraryVersions libraryVersions) {
        this.jdbc = jdbc;
        this.libraryVersions = libraryVersions;
    }

    @EventHandler
    void on(ContentCreated event, @Timestamp Instant at) {
        ContentDetails details = event.details();
        write(at, List.of(event.schoolId()), """
                INSERT INTO content_view (kind, id, title, description, grade, topic, tags, duration, file_size, uri,
                                          thumbnail_uri, file_type, owner_id, school_id, status, storage_path,
                                          review_notes, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, ?)
                ON CONFLICT (kind, id) DO NOTHING""",
                kind(event.kind()), event.contentId(), orEmpty(details.title()), orEmpty(details.description()),
                orEmpty(details.grade()), orEmpty(details.topic()), tags(details.tags()), details.duration(),
                details.fileSize(), orEmpty(details.uri()), orEmpty(details.thumbnailUri()),
                orEmpty(details.fileType()), event.ownerId(), event.schoolId(), ContentStatus.DRAFT.name(),
                event.storagePath(), time(at), time(at));
    }

    @EventHandler
    void on(ContentDetailsChanged event, @Timestamp Instant at) {
        ContentDetails details = event.details();
        changed(at, """
                UPDATE content_view SET title = ?, description = ?, grade = ?, topic = ?, tags = ?::jsonb,
                                        duration = ?, file_size = ?, uri = ?, thumbnail_uri = ?, file_type = ?,
                                        updated_at = ?
                WHERE kind = ? AND id = ? RETURNING school_id""",
                orEmpty(details.title()), orEmpty(details.description()), orEmpty(details.grade()),
                orEmpty(details.topic()), tags(details.tags()), details.duration(), details.fileSize(),
                orEmpty(details.uri()), orEmpty(details.thumbnailUri()), orEmpty(details.fileType()), time(at),
                kind(event.kind()), event.contentId());
    }

    @EventHandler
    void on(ContentSubmittedForReview event, @Timestamp Instant at) {
        changed(at, """
                UPDATE content_view SET status = ?, submitted_at = ?, updated_at = ? WHERE kind = ? AND id = ?
                RETURNING school_id""",
                ContentStatus.PENDING.name(), time(at), time(at), kind(event.kind()), event.contentId());
    }

    @EventHandler
    void on(ContentApproved event, @Timestamp Instant at) {
        reviewed(event.kind(), event.contentId(), ContentStatus.PUBLISHED, event.reviewerId(), event.notes(), at);
    }

    @EventHandler
    void on(ContentPublishedWithoutReview event, @Timestamp Instant at) {
        changed(at, """
                UPDATE content_view SET status = ?, submitted_at = ?, reviewed_at = ?, review_notes = '', updated_at = ?
                WHERE kind = ? AND id = ? RETURNING school_id""",
                ContentStatus.PUBLISHED.name(), time(at), time(at), time(at), kind(event.kind()), event.contentId());
    }

    @EventHandler
    void on(ContentRejected event, @Timestamp Instant at) {
        reviewed(event.kind(), event.contentId(), ContentStatus.REJECTED, event.reviewerId(), event.reason(), at);
    }

    @EventHandler
    void on(ContentReturnedToDraft event, @Timestamp Instant at) {
        changed(at, """
                UPDATE content_view SET status = ?, submitted_at = NULL, reviewed_by = NULL, reviewed_at = NULL,
                                        review_notes = '', updated_at = ?
                WHERE kind = ? AND id = ? RETURNING school_id""",
                ContentStatus.DRAFT.name(), time(at), kind(event.kind()), event.contentId());
    }

    @EventHandler
    void on(ContentDeleted event, @Timestamp Instant at) {
        changed(at, "DELETE FROM content_view WHERE kind = ? AND id = ? RETURNING school_id", kind(event.kind()),
                event.contentId());
    }

    /** Removing a user removes what it owns from the API, as the original's cascade did (§5.4). */
    @EventHandler
    void on(UserRemoved event, @Timestamp Instant at) {
        changed(at, """
                WITH content AS (DELETE FROM content_view WHERE kind IN ('video', 'resource') AND owner_id = ?
                                 RETURNING school_id),
                     member AS (DELETE FROM library_member WHERE id = ? RETURNING school_id)
                SELECT school_id FROM content UNION SELECT school_id FROM member""", event.userId(), event.userId());
    }

    /** Deleting a school removes its content from the API, as the original's cascade did (§5.3). */
    @EventHandler
    void on(SchoolDeleted event, @Timestamp Instant at) {
        write(at, List.of(), "DELETE FROM content_view WHERE school_id = ?", event.schoolId());
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

    private void reviewed(ContentKind kind, UUID contentId, ContentStatus status, long reviewerId, String notes,
                          Instant at) {
        changed(at, """
                UPDATE content_view SET status = ?, reviewed_by = ?, reviewed_at = ?, review_notes = ?, updated_at = ?
                WHERE kind = ? AND id = ? RETURNING school_id""",
                status.name(), reviewerId, time(at), orEmpty(notes), time(at), kind(kind), contentId);
    }

    /** A write that returns the ids of the schools whose library it changed; those are bumped. */
    private void changed(Instant at, String sql, Object... args) {
        writes.add(new Write(at, sql, args, true, List.of()));
    }

    /** A write that changes the libraries of {@code schools} (bumped), or of none. */
    private void write(Instant at, List<Long> schools, String sql, Object... args) {
        writes.add(new Write(at, sql, args, false, schools));
    }

    /**
     * Runs a batch's writes in their order as one multi-statement query (PgJDBC sends them in one
     * round trip), each preceded by its event's time for the history trigger when that changes,
     * then raises the library versions of every school they changed, in ascending order.
     */
    private void run(List<Write> batch) {
        SortedSet<Long> schools = new TreeSet<>();
        for (int from = 0; from < batch.size(); from += STATEMENTS_PER_QUERY) {
            schools.addAll(runQuery(batch.subList(from, Math.min(batch.size(), from + STATEMENTS_PER_QUERY))));
        }
        libraryVersions.raise(schools);
    }

    private Set<Long> runQuery(List<Write> writes) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        List<Boolean> returnsSchools = new ArrayList<>();
        Set<Long> schools = new HashSet<>();
        Instant time = null;
        for (Write write : writes) {
            if (!write.at().equals(time)) {
                time = write.at();
                sql.append("SELECT set_config('lms.event_time', ?, true);\n");
                args.add(time.toString());
                returnsSchools.add(false);
            }
            sql.append(write.sql()).append(";\n");
            args.addAll(Arrays.asList(write.args()));
            returnsSchools.add(write.returnsSchools());
            schools.addAll(write.schools());
        }
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    statement.setObject(i + 1, args.get(i));
                }
                boolean resultSet = statement.execute();
                for (boolean schoolIds : returnsSchools) {
                    if (resultSet && schoolIds) {
                        try (ResultSet rows = statement.getResultSet()) {
                            while (rows.next()) {
                                schools.add(rows.getLong(1));
                            }
                        }
                    }
                    resultSet = statement.getMoreResults();
                }
            }
            return null;
        });
        return schools;
    }

    /** One statement of a handled event, with the event's time that dates the history versions it makes. */
    private record Write(Instant at, String sql, Object[] args, boolean returnsSchools, List<Long> schools) {
    }

    /** The contract's {@code full_name} (§3.2). */
    private static String fullName(String username, String firstName, String lastName) {
        return orEmpty(firstName).isEmpty() || orEmpty(lastName).isEmpty() ? orEmpty(username)
                : firstName + " " + lastName;
    }

    private static String kind(ContentKind kind) {
        return kind.category();
    }

    private static java.sql.Timestamp time(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String tags(List<String> tags) {
        try {
            return JSON.writeValueAsString(tags == null ? List.of() : tags);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
