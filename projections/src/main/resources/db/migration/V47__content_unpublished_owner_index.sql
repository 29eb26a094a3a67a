-- Every library request of a teacher asks whether the teacher owns unpublished items of the kind
-- (LibraryVersions.currentFor): without this index the answer scanned all the school's items of the
-- kind (96 ms and 10,156 buffers for 10,000 published videos, docs/benchmarks.md); unpublished items
-- are few, so a partial index answers it with one probe.
CREATE INDEX content_view_unpublished_owner ON content_view (owner_id, kind, school_id) WHERE status <> 'PUBLISHED';
