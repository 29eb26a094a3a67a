-- An event's id is unique in the store, and the audit index copies each stored event once, under
-- its position (the primary key): a unique index on event_id checked the same thing again on every
-- insert. The audit API still finds index rows by event id (the action filter joins audit_log_view
-- by it), so the column keeps a plain index, which a rebuild builds once its replay has caught up
-- (ProjectionTables) instead of maintaining it row by row.
ALTER TABLE audit_event_index DROP CONSTRAINT audit_event_index_event_id_key;
CREATE INDEX audit_event_index_event_id ON audit_event_index (event_id);
