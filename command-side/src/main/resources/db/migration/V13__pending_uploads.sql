-- Uploads signed but not completed yet, written in the command's transaction: the sweep abandons
-- those left behind long after their URL expired, and their stored objects are removed.
CREATE TABLE pending_upload (
    upload_id  UUID PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX pending_upload_expiry ON pending_upload (expires_at);
