-- The configuration read model (processing group "config"): entries, their value changes (the
-- change history of contract §5.20.3, one row per creation or value change, from the events) and
-- feature flags. config_version is raised with every change the group applies, in the same
-- transaction, so the public configuration cached under the version is never served stale.
CREATE TABLE system_config_view (
    id               UUID PRIMARY KEY,
    config_key       VARCHAR(100) NOT NULL UNIQUE,
    value            TEXT NOT NULL,
    config_type      VARCHAR(10) NOT NULL,
    name             VARCHAR(200) NOT NULL,
    description      TEXT NOT NULL,
    category         VARCHAR(50) NOT NULL,
    is_public        BOOLEAN NOT NULL,
    is_editable      BOOLEAN NOT NULL,
    validation_regex VARCHAR(500) NOT NULL,
    min_value        DOUBLE PRECISION,
    max_value        DOUBLE PRECISION,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    updated_by       BIGINT
);
CREATE INDEX system_config_view_order ON system_config_view (category, name);

CREATE TABLE config_change_view (
    event_id      VARCHAR(255) PRIMARY KEY,
    config_id     UUID NOT NULL,
    config_key    VARCHAR(100) NOT NULL,
    config_name   VARCHAR(200) NOT NULL,
    old_value     TEXT NOT NULL,
    new_value     TEXT NOT NULL,
    change_reason TEXT NOT NULL,
    changed_by    BIGINT,
    changed_at    TIMESTAMPTZ NOT NULL,
    ip_address    VARCHAR(64)
);
CREATE INDEX config_change_view_config ON config_change_view (config_id, changed_at DESC);
CREATE INDEX config_change_view_changed ON config_change_view (changed_at DESC);

CREATE TABLE feature_flag_view (
    id                 UUID PRIMARY KEY,
    name               VARCHAR(100) NOT NULL UNIQUE,
    display_name       VARCHAR(200) NOT NULL,
    description        TEXT NOT NULL,
    is_enabled         BOOLEAN NOT NULL,
    is_permanent       BOOLEAN NOT NULL,
    applies_to_schools BIGINT[] NOT NULL,
    applies_to_roles   TEXT[] NOT NULL,
    created_at         TIMESTAMPTZ NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    created_by         BIGINT,
    updated_by         BIGINT
);

CREATE TABLE config_version (
    singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    version   BIGINT NOT NULL
);
INSERT INTO config_version (singleton, version) VALUES (true, 0);
