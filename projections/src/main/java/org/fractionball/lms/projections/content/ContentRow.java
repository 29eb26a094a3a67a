package org.fractionball.lms.projections.content;

import org.fractionball.lms.events.content.ContentDetails;
import org.fractionball.lms.events.content.ContentStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * One row of {@code content_view} as the content projection keeps it, and the changes its events make.
 * Times are held at PostgreSQL's precision (microseconds), so a row read back equals the row written.
 */
record ContentRow(String kind, UUID id, String title, String description, String grade, String topic,
                  List<?> tags, Integer duration, Long fileSize, String uri, String thumbnailUri, String fileType,
                  long ownerId, long schoolId, String status, String storagePath, Instant submittedAt,
                  Long reviewedBy, Instant reviewedAt, String reviewNotes, Instant createdAt, Instant updatedAt) {

    static ContentRow created(String kind, UUID id, ContentDetails details, long ownerId, long schoolId,
                              String storagePath, Instant at) {
        Instant time = stored(at);
        return new ContentRow(kind, id, orEmpty(details.title()), orEmpty(details.description()),
                orEmpty(details.grade()), orEmpty(details.topic()), details.tags(), details.duration(),
                details.fileSize(), orEmpty(details.uri()), orEmpty(details.thumbnailUri()),
                orEmpty(details.fileType()), ownerId, schoolId, ContentStatus.DRAFT.name(), storagePath, null, null,
                null, "", time, time);
    }

    ContentRow withDetails(ContentDetails details, Instant at) {
        return new ContentRow(kind, id, orEmpty(details.title()), orEmpty(details.description()),
                orEmpty(details.grade()), orEmpty(details.topic()), details.tags(), details.duration(),
                details.fileSize(), orEmpty(details.uri()), orEmpty(details.thumbnailUri()),
                orEmpty(details.fileType()), ownerId, schoolId, status, storagePath, submittedAt, reviewedBy,
                reviewedAt, reviewNotes, createdAt, stored(at));
    }

    ContentRow submitted(Instant at) {
        Instant time = stored(at);
        return inReview(ContentStatus.PENDING, time, reviewedBy, reviewedAt, reviewNotes, time);
    }

    /** Approved or rejected by {@code reviewerId}; {@code submitted_at} stays. */
    ContentRow reviewed(ContentStatus outcome, long reviewerId, String notes, Instant at) {
        Instant time = stored(at);
        return inReview(outcome, submittedAt, reviewerId, time, orEmpty(notes), time);
    }

    /** Published by an admin without a review: submitted and reviewed at once, the reviewer unchanged. */
    ContentRow publishedWithoutReview(Instant at) {
        Instant time = stored(at);
        return inReview(ContentStatus.PUBLISHED, time, reviewedBy, time, "", time);
    }

    ContentRow returnedToDraft(Instant at) {
        return inReview(ContentStatus.DRAFT, null, null, null, "", stored(at));
    }

    /** This row with another review state; the details stay. */
    private ContentRow inReview(ContentStatus status, Instant submittedAt, Long reviewedBy, Instant reviewedAt,
                                String reviewNotes, Instant updatedAt) {
        return new ContentRow(kind, id, title, description, grade, topic, tags, duration, fileSize, uri, thumbnailUri,
                fileType, ownerId, schoolId, status.name(), storagePath, submittedAt, reviewedBy, reviewedAt,
                reviewNotes, createdAt, updatedAt);
    }

    /**
     * Whether the library would show {@code other} as this row: the columns {@code content_history}
     * keeps. The storage path and the review fields alone do not make a new version.
     */
    boolean showsAs(ContentRow other) {
        return title.equals(other.title) && description.equals(other.description) && grade.equals(other.grade)
                && topic.equals(other.topic) && tags.equals(other.tags) && Objects.equals(duration, other.duration)
                && Objects.equals(fileSize, other.fileSize) && uri.equals(other.uri)
                && thumbnailUri.equals(other.thumbnailUri) && fileType.equals(other.fileType)
                && ownerId == other.ownerId && schoolId == other.schoolId && status.equals(other.status)
                && createdAt.equals(other.createdAt) && updatedAt.equals(other.updatedAt);
    }

    /** An instant as a {@code timestamptz} column stores it: rounded to the microsecond, as PgJDBC sends it. */
    static Instant stored(Instant at) {
        return at.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
