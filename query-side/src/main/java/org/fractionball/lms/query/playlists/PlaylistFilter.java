package org.fractionball.lms.query.playlists;

import java.util.List;

/**
 * Which playlists a listing shows; null fields do not filter. {@code schoolId} scopes to one
 * school; {@code visibleTo} limits to that user's own playlists plus public ones (a teacher's
 * view). {@code search} is a case-insensitive substring of name or description, per whitespace- or
 * comma-separated term (every term must match). {@code ordering} lists validated keys of
 * {@link PlaylistQueries#ORDERINGS}, {@code -} for descending.
 */
public record PlaylistFilter(long schoolId, Long visibleTo, Boolean isPublic, Long ownerId, String search,
                             List<String> ordering) {

    public PlaylistFilter {
        ordering = List.copyOf(ordering);
    }
}
