-- Read model of the analytics projection (processing group "analytics"): view sessions, downloads and
-- the per-day statistics the dashboards and reports read, kept up to date as events arrive (fixing
-- D28: no nightly rollup). Rebuilt from the event store at will. Titles, names and statuses are joined
-- from the content and accounts read models at query time.

-- One row per view session (contract §8.2 AssetView): the views report streams these.
CREATE TABLE video_view_session (
    id                    UUID PRIMARY KEY,
    video_id              UUID        NOT NULL,
    user_id               BIGINT      NOT NULL,
    school_id             BIGINT      NOT NULL,
    session_id            TEXT        NOT NULL,
    duration_watched      INTEGER,
    completion_percentage DOUBLE PRECISION,
    referrer              TEXT        NOT NULL,
    viewed_at             TIMESTAMPTZ NOT NULL
);
-- the views report, newest first, per school (school admins) and across schools (admins)
CREATE INDEX video_view_session_school ON video_view_session (school_id, viewed_at DESC);
CREATE INDEX video_view_session_viewed ON video_view_session (viewed_at DESC);

-- One row per download (contract §8.2 AssetDownload).
CREATE TABLE resource_download_record (
    id            UUID PRIMARY KEY,
    resource_id   UUID        NOT NULL,
    user_id       BIGINT      NOT NULL,
    school_id     BIGINT      NOT NULL,
    file_size     BIGINT,
    downloaded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX resource_download_record_school ON resource_download_record (school_id, downloaded_at DESC);
CREATE INDEX resource_download_record_downloaded ON resource_download_record (downloaded_at DESC);

-- Per asset and UTC day (contract §8.2 DailyAssetStats): views started that day with their watch time
-- and completion (later heartbeats count on the view's day), playlist adds, downloads.
-- avg_completion_rate = completion_sum / completion_count (views that reported a completion).
CREATE TABLE daily_asset_stats (
    asset_id         UUID             NOT NULL,
    day              DATE             NOT NULL,
    kind             VARCHAR(10)      NOT NULL,   -- 'video' | 'resource'
    school_id        BIGINT           NOT NULL,
    view_count       BIGINT           NOT NULL DEFAULT 0,
    unique_viewers   BIGINT           NOT NULL DEFAULT 0,
    total_watch_time BIGINT           NOT NULL DEFAULT 0,
    completion_sum   DOUBLE PRECISION NOT NULL DEFAULT 0,
    completion_count BIGINT           NOT NULL DEFAULT 0,
    playlist_adds    BIGINT           NOT NULL DEFAULT 0,
    download_count   BIGINT           NOT NULL DEFAULT 0,
    PRIMARY KEY (asset_id, day)
);
-- a school's popular content of the last 30 days
CREATE INDEX daily_asset_stats_school ON daily_asset_stats (school_id, day, asset_id);

-- Who viewed an asset on a day: unique viewers per day, and distinct over any window of days.
CREATE TABLE daily_asset_viewer (
    asset_id UUID   NOT NULL,
    day      DATE   NOT NULL,
    user_id  BIGINT NOT NULL,
    PRIMARY KEY (asset_id, day, user_id)
);

-- Per school and UTC day: the teacher dashboard's analytics summary without touching per-asset rows.
CREATE TABLE daily_school_stats (
    school_id      BIGINT NOT NULL,
    day            DATE   NOT NULL,
    view_count     BIGINT NOT NULL DEFAULT 0,
    download_count BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (school_id, day)
);

-- One counter per school raised by every analytics change of the school (as library_version): cached
-- dashboards are keyed by it. Never reset, so a rebuild keeps it rising.
CREATE TABLE analytics_version (
    school_id BIGINT PRIMARY KEY,
    version   BIGINT NOT NULL
);

-- Every live video and resource with what the counters group by; also the school of an asset for
-- events that name only the asset (a playlist add).
CREATE TABLE analytics_asset (
    id          UUID PRIMARY KEY,
    kind        VARCHAR(10) NOT NULL,
    school_id   BIGINT      NOT NULL,
    owner_id    BIGINT      NOT NULL,
    status      VARCHAR(10) NOT NULL,
    created_day DATE        NOT NULL,
    grade       TEXT        NOT NULL,
    topic       TEXT        NOT NULL,
    file_type   TEXT        NOT NULL,
    submitted_day DATE,                  -- while submitted (cleared by a return to draft)
    reviewed_day  DATE                   -- while reviewed (cleared by a return to draft)
);
CREATE INDEX analytics_asset_owner ON analytics_asset (owner_id);
CREATE INDEX analytics_asset_school ON analytics_asset (school_id);

-- Content counters: live items per school, owner, kind, status, UTC creation, submission and review
-- day, grade, topic and file type. Every dashboard count of content (library and approval stats
-- included) is a sum over the rows of one school or owner, never a scan of the items.
CREATE TABLE content_counter (
    school_id     BIGINT      NOT NULL,
    owner_id      BIGINT      NOT NULL,
    kind          VARCHAR(10) NOT NULL,
    status        VARCHAR(10) NOT NULL,
    created_day   DATE        NOT NULL,
    grade         TEXT        NOT NULL,
    topic         TEXT        NOT NULL,
    file_type     TEXT        NOT NULL,
    submitted_day DATE,
    reviewed_day  DATE,
    items         BIGINT      NOT NULL
);
CREATE UNIQUE INDEX content_counter_key ON content_counter (school_id, owner_id, kind, status, created_day, grade,
    topic, file_type, submitted_day, reviewed_day) NULLS NOT DISTINCT;
CREATE INDEX content_counter_owner ON content_counter (owner_id);

-- Every live playlist, and the playlist counters per school, owner and visibility.
CREATE TABLE analytics_playlist (
    id        UUID PRIMARY KEY,
    school_id BIGINT  NOT NULL,
    owner_id  BIGINT  NOT NULL,
    is_public BOOLEAN NOT NULL
);
CREATE INDEX analytics_playlist_owner ON analytics_playlist (owner_id);
CREATE INDEX analytics_playlist_school ON analytics_playlist (school_id);

CREATE TABLE playlist_counter (
    school_id BIGINT  NOT NULL,
    owner_id  BIGINT  NOT NULL,
    is_public BOOLEAN NOT NULL,
    playlists BIGINT  NOT NULL,
    PRIMARY KEY (school_id, owner_id, is_public)
);
CREATE INDEX playlist_counter_owner ON playlist_counter (owner_id);

-- Every user with what the user counters group by, and the counters: users per school, role, activity,
-- UTC creation day and day of the last sign-in (null before the first).
CREATE TABLE analytics_user (
    id          BIGINT PRIMARY KEY,
    school_id   BIGINT      NOT NULL,
    role        VARCHAR(20) NOT NULL,
    is_active   BOOLEAN     NOT NULL,
    created_day DATE        NOT NULL,
    login_day   DATE
);
CREATE INDEX analytics_user_school ON analytics_user (school_id);

CREATE TABLE user_counter (
    school_id   BIGINT      NOT NULL,
    role        VARCHAR(20) NOT NULL,
    is_active   BOOLEAN     NOT NULL,
    created_day DATE        NOT NULL,
    login_day   DATE,
    users       BIGINT      NOT NULL
);
CREATE UNIQUE INDEX user_counter_key ON user_counter (school_id, role, is_active, created_day, login_day)
    NULLS NOT DISTINCT;
