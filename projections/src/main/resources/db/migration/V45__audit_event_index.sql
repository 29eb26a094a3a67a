-- Every stored event indexed by who did it, for which school, when, and what it touched: the
-- filters of the audit API (processing group "audit", AuditIndexProjection). Payloads and metadata
-- are not copied: the API reads them from the event store by position. The action code of an
-- audited event is audit_log_view.action (same processing group, joined by event id).
CREATE TABLE audit_event_index (
    position       BIGINT       PRIMARY KEY,
    event_id       VARCHAR(255) NOT NULL UNIQUE,
    event_type     VARCHAR(255) NOT NULL,
    aggregate_type VARCHAR(255),
    aggregate_id   VARCHAR(255) NOT NULL,
    actor_id       BIGINT,
    actor_uid      VARCHAR(128),
    school_id      BIGINT,
    created_at     TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_event_index_actor_id ON audit_event_index (actor_id, position);
CREATE INDEX audit_event_index_actor_uid ON audit_event_index (actor_uid, position);
CREATE INDEX audit_event_index_school ON audit_event_index (school_id, position);
CREATE INDEX audit_event_index_aggregate ON audit_event_index (aggregate_id, position);
CREATE INDEX audit_event_index_aggregate_type ON audit_event_index (aggregate_type, position);
CREATE INDEX audit_event_index_event_type ON audit_event_index (event_type, position);
CREATE INDEX audit_event_index_created ON audit_event_index (created_at, position);
CREATE INDEX audit_log_view_action_event ON audit_log_view (action, event_id);

-- The audit processor's token is already past the events stored before this table existed.
INSERT INTO audit_event_index (position, event_id, event_type, aggregate_type, aggregate_id, actor_id, actor_uid,
                               school_id, created_at)
SELECT e.global_index, e.event_identifier, regexp_replace(e.payload_type, '^.*[.$]', ''), e.type,
       e.aggregate_identifier,
       CASE WHEN m.meta ->> 'actorUserId' ~ '^[0-9]{1,18}$' THEN (m.meta ->> 'actorUserId')::bigint END,
       left(m.meta ->> 'actorUid', 128),
       CASE WHEN m.meta ->> 'actorSchool' ~ '^[0-9]{1,18}$' THEN (m.meta ->> 'actorSchool')::bigint END,
       e.time_stamp::timestamptz
FROM domain_event_entry e
     CROSS JOIN LATERAL (SELECT CASE WHEN e.meta_data IS NULL THEN '{}'::jsonb
                                     ELSE convert_from(e.meta_data, 'UTF8')::jsonb END AS meta) m
ON CONFLICT DO NOTHING;
