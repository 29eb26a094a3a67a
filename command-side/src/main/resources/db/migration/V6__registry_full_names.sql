-- Users' display names for command answers about content (owner_name), kept by the command side.
ALTER TABLE user_registry ADD COLUMN full_name VARCHAR(301) NOT NULL DEFAULT '';
