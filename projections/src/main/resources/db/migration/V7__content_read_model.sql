-- Read model of the content projection (processing group "content"): videos and resources with
-- their review state, rebuilt from the event store at will. Owner, school and reviewer names are
-- joined from the accounts read model at query time, so a renamed user needs no rewrite here.
-- Text columns are unbounded: the command side enforces the contract's lengths, and a read model
-- must never refuse an event the store already holds.
CREATE TABLE content_view (
    kind          VARCHAR(10) NOT NULL,   -- 'video' | 'resource' (ContentKind.category)
    id            UUID        NOT NULL,
    title         TEXT        NOT NULL,
    description   TEXT        NOT NULL,
    grade         TEXT        NOT NULL,
    topic         TEXT        NOT NULL,
    tags          JSONB       NOT NULL,
    duration      INTEGER,
    file_size     BIGINT,
    uri           TEXT        NOT NULL,   -- video storage_uri, resource file_uri
    thumbnail_uri TEXT        NOT NULL,   -- videos only ('' for resources)
    file_type     TEXT        NOT NULL,   -- resources only ('' for videos)
    owner_id      BIGINT      NOT NULL,
    school_id     BIGINT      NOT NULL,
    status        VARCHAR(10) NOT NULL,
    storage_path  TEXT,                   -- the stored object, null when created without an upload
    submitted_at  TIMESTAMPTZ,
    reviewed_by   BIGINT,
    reviewed_at   TIMESTAMPTZ,
    review_notes  TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (kind, id)
);
-- /api/videos/ and /api/resources/: one school, a status (or a teacher's own + published), newest first
CREATE INDEX content_view_school ON content_view (kind, school_id, status, created_at DESC);
-- a teacher's own items, my-content-status, the owner filter
CREATE INDEX content_view_owner ON content_view (kind, owner_id, created_at DESC);
-- approval queues: newest submissions first, per school (school admins) and across schools (admins)
CREATE INDEX content_view_school_review ON content_view (kind, school_id, submitted_at DESC NULLS LAST, created_at DESC);
CREATE INDEX content_view_review ON content_view (kind, submitted_at DESC NULLS LAST, created_at DESC);
