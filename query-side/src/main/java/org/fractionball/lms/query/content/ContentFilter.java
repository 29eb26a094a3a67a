package org.fractionball.lms.query.content;

import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;

import java.util.List;

/**
 * Which items of one kind a listing shows; null fields do not filter. {@code schoolId} scopes to
 * one school; {@code visibleTo} limits to that user's own items plus published ones (a teacher's
 * view); {@code pendingOnly} keeps only PENDING items, on top of the client's {@code status}.
 * {@code search} is a case-insensitive substring of title, description or a tag, per whitespace-
 * or comma-separated term (every term must match). {@code ordering} lists validated keys of
 * {@link ContentQueries#ORDERINGS}, {@code -} for descending.
 */
public record ContentFilter(ContentKind kind, Long schoolId, Long visibleTo, Long ownerId, String grade,
                            String topic, ContentStatus status, boolean pendingOnly, String fileType,
                            String search, List<String> ordering) {

    public ContentFilter {
        ordering = List.copyOf(ordering);
    }

    public ContentFilter narrowedToPending() {
        return new ContentFilter(kind, schoolId, visibleTo, ownerId, grade, topic, status, true, fileType, search,
                ordering);
    }
}
