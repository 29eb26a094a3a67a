-- Set-validation tables owned by the command side. They are written in the same transaction as
-- the events of the command that changes them; nothing on the query side reads them.

CREATE SEQUENCE school_id_seq;
CREATE SEQUENCE user_id_seq;

-- Every live school holds its domain (lower-cased) here; deleting the school frees it and, as the
-- original's cascade did, the registrations of its users.
CREATE TABLE school_domain_lookup (
    domain_key TEXT PRIMARY KEY,
    school_id  BIGINT NOT NULL UNIQUE
);

CREATE TABLE user_registry (
    user_id      BIGINT PRIMARY KEY,
    firebase_uid VARCHAR(128) NOT NULL UNIQUE,
    username     VARCHAR(150) NOT NULL UNIQUE,
    school_id    BIGINT NOT NULL REFERENCES school_domain_lookup (school_id) ON DELETE CASCADE,
    active       BOOLEAN NOT NULL
);
CREATE INDEX user_registry_school ON user_registry (school_id) WHERE active;
