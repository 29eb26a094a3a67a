-- Set validation for activity slugs (contract A.1: the unique URL key), owned by the command side
-- and written in the transaction of the command that appends the activity's events. Slugs are
-- compared case-insensitively; the write endpoints resolve /api/activities/{slug}/ through it.
CREATE TABLE activity_slug_lookup (
    slug_key    VARCHAR(200) PRIMARY KEY,   -- the slug, lower-cased
    activity_id UUID NOT NULL UNIQUE
);
