-- The audit action code in the audit index itself: the action filter and the answers read it from
-- the index row, instead of joining audit_log_view by event id, and the reports page counts and
-- finds exports by it. The join needed two indexes of its own (audit_log_view (action, event_id)
-- and the hash index on audit_event_index.event_id) and the reports page a third (audit_log_view
-- (action, created_at)): the three slowest of a 1,000,000-event audit rebuild's index builds after
-- its replay (14 s of the 32 s of CPU they took), each over the wide audit_log_view rows or random
-- event ids, where one (action, position) index over the narrow audit index rows serves all three.
-- An import batch's event gets CONTENT_BULK_IMPORTED, the action of its rows in audit_log_view
-- (keyed '<event id>#<row>'), which the join never found.
ALTER TABLE audit_event_index ADD COLUMN action VARCHAR(50);

UPDATE audit_event_index i SET action = a.action
FROM audit_log_view a
WHERE a.event_id = i.event_id;

UPDATE audit_event_index i SET action = a.action
FROM (SELECT DISTINCT ON (split_part(event_id, '#', 1)) split_part(event_id, '#', 1) AS event_id, action
      FROM audit_log_view
      WHERE event_id LIKE '%#%'
      ORDER BY split_part(event_id, '#', 1), event_id) a
WHERE a.event_id = i.event_id AND i.action IS NULL;

CREATE INDEX audit_event_index_action ON audit_event_index (action, position);
DROP INDEX audit_log_view_action_event;
DROP INDEX audit_event_index_event_id;
DROP INDEX audit_log_view_action;

-- The audit index's text columns are compared for equality only (every filter; the answers are
-- ordered by position), so they sort under "C": its indexes, built after a rebuild's replay,
-- sort with abbreviated keys and byte comparisons instead of the database's collation.
ALTER TABLE audit_event_index
    ALTER COLUMN event_type TYPE VARCHAR(255) COLLATE "C",
    ALTER COLUMN aggregate_type TYPE VARCHAR(255) COLLATE "C",
    ALTER COLUMN aggregate_id TYPE VARCHAR(255) COLLATE "C",
    ALTER COLUMN actor_uid TYPE VARCHAR(128) COLLATE "C",
    ALTER COLUMN action TYPE VARCHAR(50) COLLATE "C";
