-- Set validation and enforcement lookups for configuration, owned by the command side and written
-- in the transaction of the command that changes them: unique keys and flag names, the current
-- value of each key and the scope of each flag. Every write raises the version, so every node's
-- in-process copy (read on every request by the enforcement checks) notices a change within its
-- check interval; the node that made the change drops its copy when the transaction commits.
CREATE TABLE config_key_lookup (
    config_key  VARCHAR(100) PRIMARY KEY,
    config_id   UUID NOT NULL UNIQUE,
    config_type VARCHAR(10) NOT NULL,
    value       TEXT NOT NULL
);

CREATE TABLE feature_flag_lookup (
    name       VARCHAR(100) PRIMARY KEY,
    flag_id    UUID NOT NULL UNIQUE,
    enabled    BOOLEAN NOT NULL,
    school_ids BIGINT[] NOT NULL,
    roles      TEXT[] NOT NULL
);

CREATE TABLE config_lookup_version (
    singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    version   BIGINT NOT NULL
);
INSERT INTO config_lookup_version (singleton, version) VALUES (true, 0);
