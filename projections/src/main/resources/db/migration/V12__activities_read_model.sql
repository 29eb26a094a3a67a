-- Read model of the activities projection (processing group "activities"): curriculum activities
-- (contract A.1), rebuilt from the event store at will. Titles, durations and file types of the
-- linked videos and resources are joined from content_view at query time. Text columns are
-- unbounded and nothing is unique: the command side enforces lengths and slug uniqueness, and a
-- read model must never refuse an event the store already holds.
CREATE TABLE activity_view (
    id                  UUID        PRIMARY KEY,
    title               TEXT        NOT NULL,
    slug                TEXT        NOT NULL,
    description         TEXT        NOT NULL,
    activity_number     INTEGER     NOT NULL,
    grade               TEXT        NOT NULL,
    topics              JSONB       NOT NULL,
    location            VARCHAR(10) NOT NULL,   -- classroom | court | both
    prerequisites       JSONB       NOT NULL,
    learning_objectives TEXT        NOT NULL,
    materials           JSONB       NOT NULL,
    game_rules          JSONB       NOT NULL,
    key_terms           JSON        NOT NULL,   -- JSON, not JSONB: the terms keep the order they were given in
    video_id            UUID,                   -- null when none, or since the video was deleted
    icon_type           TEXT        NOT NULL,
    thumbnail_uri       TEXT        NOT NULL,
    is_published        BOOLEAN     NOT NULL,
    sort_order          INTEGER     NOT NULL,   -- the API's "order"
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX activity_view_slug ON activity_view (lower(slug));
CREATE INDEX activity_view_listing ON activity_view (is_published, grade, sort_order, activity_number);
CREATE INDEX activity_view_video ON activity_view (video_id) WHERE video_id IS NOT NULL;

-- The teacher and student resources of each activity, in the order they were given.
CREATE TABLE activity_resource_view (
    activity_id UUID       NOT NULL,
    audience    VARCHAR(7) NOT NULL,   -- teacher | student
    resource_id UUID       NOT NULL,
    position    INTEGER    NOT NULL,
    PRIMARY KEY (activity_id, audience, resource_id)
);
CREATE INDEX activity_resource_view_resource ON activity_resource_view (resource_id);
