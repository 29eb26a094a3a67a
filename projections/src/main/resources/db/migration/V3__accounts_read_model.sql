-- Read model of the accounts projection (processing group "accounts"): rebuilt from the event
-- store at will, so it holds nothing that is not derived from events.

CREATE TABLE school_view (
    id         BIGINT PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    domain     VARCHAR(100) NOT NULL,
    address    TEXT NOT NULL,
    phone      VARCHAR(20) NOT NULL,
    is_active  BOOLEAN NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    updated_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX school_view_name ON school_view (name, id);

CREATE TABLE user_view (
    id           BIGINT PRIMARY KEY,
    firebase_uid VARCHAR(128) NOT NULL UNIQUE,
    username     VARCHAR(150) NOT NULL,
    email        VARCHAR(254) NOT NULL,
    first_name   VARCHAR(150) NOT NULL,
    last_name    VARCHAR(150) NOT NULL,
    role         VARCHAR(20) NOT NULL,
    school_id    BIGINT NOT NULL,
    phone        VARCHAR(20) NOT NULL,
    is_active    BOOLEAN NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    updated_at   TIMESTAMPTZ NOT NULL,
    last_login   TIMESTAMPTZ
);
CREATE INDEX user_view_school ON user_view (school_id, is_active);
CREATE INDEX user_view_name ON user_view (last_name, first_name, id);
