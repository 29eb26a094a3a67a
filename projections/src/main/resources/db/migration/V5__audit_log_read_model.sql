-- The audit log as the admin dashboard lists it (contract §5.8 recent_audit_logs): one row per
-- audited event, written by the audit projection (processing group "audit").
CREATE TABLE audit_log_view (
    event_id    VARCHAR(255) PRIMARY KEY,
    action      VARCHAR(50)  NOT NULL,
    actor_id    BIGINT,
    actor_uid   VARCHAR(128),
    school_id   BIGINT,
    metadata    JSONB        NOT NULL,
    ip_address  VARCHAR(64)  NOT NULL,
    user_agent  TEXT         NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX audit_log_view_created ON audit_log_view (created_at DESC);
CREATE INDEX audit_log_view_action ON audit_log_view (action, created_at DESC);
