-- E-mail uniqueness for users (non-empty, case-insensitive) and school names for command answers.
ALTER TABLE user_registry ADD COLUMN email_key VARCHAR(254) NOT NULL DEFAULT '';
CREATE UNIQUE INDEX user_registry_email ON user_registry (email_key) WHERE email_key <> '';

ALTER TABLE school_domain_lookup ADD COLUMN name VARCHAR(200) NOT NULL DEFAULT '';
