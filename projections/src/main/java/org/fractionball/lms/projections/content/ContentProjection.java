package org.fractionball.lms.projections.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.fractionball.lms.events.accounts.UserRemoved;
import org.fractionball.lms.events.content.ContentApproved;
import org.fractionball.lms.events.content.ContentCreated;
import org.fractionball.lms.events.content.ContentDeleted;
import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentDetailsChanged;
import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentRejected;
import org.fractionball.lms.events.content.ContentReturnedToDraft;
import org.fractionball.lms.events.content.ContentStatus;
import org.fractionball.lms.events.content.ContentSubmittedForReview;
import org.fractionball.lms.events.schools.SchoolDeleted;
import org.fractionball.lms.projections.ProjectionNames;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Keeps {@code content_view}: one row per live video or resource with its review state. Runs in
 * the processor's transaction together with its token; every write sets absolute values, so
 * handling an event twice leaves the same row.
 */
@Component
@ProcessingGroup(ProjectionNames.CONTENT)
public class ContentProjection {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    public ContentProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ContentCreated event, @Timestamp Instant at) {
        ContentDetails details = event.details();
        jdbc.update("""
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
        jdbc.update("""
                UPDATE content_view SET title = ?, description = ?, grade = ?, topic = ?, tags = ?::jsonb,
                                        duration = ?, file_size = ?, uri = ?, thumbnail_uri = ?, file_type = ?,
                                        updated_at = ?
                WHERE kind = ? AND id = ?""",
                orEmpty(details.title()), orEmpty(details.description()), orEmpty(details.grade()),
                orEmpty(details.topic()), tags(details.tags()), details.duration(), details.fileSize(),
                orEmpty(details.uri()), orEmpty(details.thumbnailUri()), orEmpty(details.fileType()), time(at),
                kind(event.kind()), event.contentId());
    }

    @EventHandler
    void on(ContentSubmittedForReview event, @Timestamp Instant at) {
        jdbc.update("UPDATE content_view SET status = ?, submitted_at = ?, updated_at = ? WHERE kind = ? AND id = ?",
                ContentStatus.PENDING.name(), time(at), time(at), kind(event.kind()), event.contentId());
    }

    @EventHandler
    void on(ContentApproved event, @Timestamp Instant at) {
        reviewed(event.kind(), event.contentId(), ContentStatus.PUBLISHED, event.reviewerId(), event.notes(), at);
    }

    @EventHandler
    void on(ContentRejected event, @Timestamp Instant at) {
        reviewed(event.kind(), event.contentId(), ContentStatus.REJECTED, event.reviewerId(), event.reason(), at);
    }

    @EventHandler
    void on(ContentReturnedToDraft event, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE content_view SET status = ?, submitted_at = NULL, reviewed_by = NULL, reviewed_at = NULL,
                                        review_notes = '', updated_at = ?
                WHERE kind = ? AND id = ?""",
                ContentStatus.DRAFT.name(), time(at), kind(event.kind()), event.contentId());
    }

    @EventHandler
    void on(ContentDeleted event) {
        jdbc.update("DELETE FROM content_view WHERE kind = ? AND id = ?", kind(event.kind()), event.contentId());
    }

    /** Removing a user removes what it owns from the API, as the original's cascade did (§5.4). */
    @EventHandler
    void on(UserRemoved event) {
        jdbc.update("DELETE FROM content_view WHERE owner_id = ?", event.userId());
    }

    /** Deleting a school removes its content from the API, as the original's cascade did (§5.3). */
    @EventHandler
    void on(SchoolDeleted event) {
        jdbc.update("DELETE FROM content_view WHERE school_id = ?", event.schoolId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("TRUNCATE content_view");
    }

    private void reviewed(ContentKind kind, UUID contentId, ContentStatus status, long reviewerId, String notes,
                          Instant at) {
        jdbc.update("""
                UPDATE content_view SET status = ?, reviewed_by = ?, reviewed_at = ?, review_notes = ?, updated_at = ?
                WHERE kind = ? AND id = ?""",
                status.name(), reviewerId, time(at), orEmpty(notes), time(at), kind(kind), contentId);
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
