-- A stored search vector cost every history version a text-search parse when it was written (about
-- 19 µs a row here, a large share of a rebuild's per-event cost), for the rare "library as of"
-- search that reads it; LibraryQueries computes the same expression for the versions it reads.
ALTER TABLE content_history DROP COLUMN search_vector;
