-- Read model of the playlists projection (processing group "playlists"): rebuilt from the event
-- store at will. Names are joined from the accounts tables and video titles and durations from
-- content_view at query time. Text columns are unbounded: the command side enforces the lengths,
-- and a read model must never refuse an event the store already holds.
CREATE TABLE playlist_view (
    id          UUID PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT NOT NULL,
    owner_id    BIGINT NOT NULL,
    school_id   BIGINT NOT NULL,
    is_public   BOOLEAN NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX playlist_view_school ON playlist_view (school_id, updated_at DESC);
CREATE INDEX playlist_view_owner ON playlist_view (owner_id, updated_at DESC);

-- position: the item's position in the aggregate (1..n). Items of a deleted video leave this table
-- as soon as the video is deleted, before the aggregate drops them, so positions can have holes
-- here for a while; the API numbers the remaining items 1..n in position order (D22).
CREATE TABLE playlist_item_view (
    id          UUID PRIMARY KEY,
    playlist_id UUID NOT NULL REFERENCES playlist_view (id) ON DELETE CASCADE,
    video_id    UUID NOT NULL,
    position    INT NOT NULL,
    notes       TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (playlist_id, video_id)
);
CREATE INDEX playlist_item_view_playlist ON playlist_item_view (playlist_id, position);
CREATE INDEX playlist_item_view_video ON playlist_item_view (video_id);

CREATE TABLE playlist_share_view (
    id            UUID PRIMARY KEY,
    share_token   UUID NOT NULL UNIQUE,
    playlist_id   UUID NOT NULL REFERENCES playlist_view (id) ON DELETE CASCADE,
    created_by    BIGINT NOT NULL,
    expires_at    TIMESTAMPTZ,
    is_active     BOOLEAN NOT NULL,
    view_count    BIGINT NOT NULL,
    last_accessed TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX playlist_share_view_playlist ON playlist_share_view (playlist_id, created_at DESC);

-- Videos deleted so far: an item added in a race with the video's deletion (its event stored
-- after the deletion's) is never shown.
CREATE TABLE playlist_deleted_video (
    video_id UUID PRIMARY KEY
);
