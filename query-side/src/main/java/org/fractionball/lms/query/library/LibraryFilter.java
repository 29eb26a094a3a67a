package org.fractionball.lms.query.library;

import org.fractionball.lms.events.content.ContentKind;
import org.fractionball.lms.events.content.ContentStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * Which items of one kind of one school a library listing shows, validated and normalised (null
 * fields do not filter). {@code visibleTo} limits to that teacher's own items plus published ones;
 * {@code search} is a non-blank English full-text query; {@code tags} are lower-cased, distinct and
 * sorted (a row matches any of them); durations are whole seconds (the
 * smallest not below {@code min_duration}, the largest not above {@code max_duration});
 * {@code createdBefore} includes its whole day (D11);
 * {@code ordering} lists validated sort keys, {@code -} for descending, empty for the default
 * (by rank when searching, else newest first); {@code asOf}, when set, asks for the rows as they
 * stood at that moment (from the content history) instead of now.
 */
public record LibraryFilter(ContentKind kind, long schoolId, Long visibleTo, String search, String grade,
                            String topic, String fileType, List<String> tags, Long owner, ContentStatus status,
                            Long minDuration, Long maxDuration, LocalDate createdAfter,
                            LocalDate createdBefore, List<String> ordering, Instant asOf) {

    public LibraryFilter {
        tags = List.copyOf(tags);
        ordering = List.copyOf(ordering);
    }

    /**
     * Everything that decides the answer's rows, in a fixed order: two filters with equal values
     * describe the same set, whatever the query string looked like.
     */
    List<Object> canonical() {
        return Arrays.asList(kind.category(), schoolId, visibleTo, search, grade, topic, fileType, tags, owner,
                status == null ? null : status.name(), minDuration, maxDuration,
                createdAfter == null ? null : createdAfter.toString(),
                createdBefore == null ? null : createdBefore.toString(), ordering,
                asOf == null ? null : asOf.toString());
    }

    /**
     * The same rows for a teacher who owns no unpublished items of this kind: published ones only,
     * which every such teacher of the school shares (one cached answer instead of one per
     * teacher). Null where sharing would change the answer (a teacher asking for draft or pending
     * items sees only its own).
     */
    LibraryFilter publishedOnly() {
        if (status != null && status != ContentStatus.PUBLISHED) {
            return null;
        }
        return new LibraryFilter(kind, schoolId, null, search, grade, topic, fileType, tags, owner,
                ContentStatus.PUBLISHED, minDuration, maxDuration, createdAfter, createdBefore, ordering, asOf);
    }

    /** The cache scope of the rows: one teacher's view, or the whole school's for its staff. */
    String scope() {
        return visibleTo == null ? "staff" : "u" + visibleTo;
    }
}
