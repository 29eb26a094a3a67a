-- An event's id is unique in the store, and the audit index copies each stored event once, under
-- its position (the primary key): a unique index on event_id checked the same thing again on every
-- insert. The audit API still finds index rows by event id (the action filter joins audit_log_view
-- by it), by equality only, so the column keeps a hash index, which a rebuild builds once its replay
-- has caught up (ProjectionTables): it sorts 4-byte hashes, not text under the database's collation
-- (a B-tree on event_id took 4.3 s of a 1,000,000-event audit rebuild's index builds).
ALTER TABLE audit_event_index DROP CONSTRAINT audit_event_index_event_id_key;
CREATE INDEX audit_event_index_event_id ON audit_event_index USING hash (event_id);
