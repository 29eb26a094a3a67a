-- Library browsing (contract §5.12), kept by the content projection (processing group "content").

-- Full-text search with English stemming ("fractions" finds "fraction"), weighted so that title hits
-- rank above tag hits above description hits. A generated column is written by the very statement
-- that writes the row, so it can never disagree with it, and a rebuild reproduces it.
ALTER TABLE content_view ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A')
    || setweight(jsonb_to_tsvector('english', tags, '["string"]'), 'B')
    || setweight(to_tsvector('english', description), 'C')) STORED;
CREATE INDEX content_view_search ON content_view USING GIN (search_vector);

-- The library's listings: one kind in one school, newest first, narrowed by grade, topic or duration
-- (status and owner are served by content_view_school and content_view_owner).
CREATE INDEX content_view_library ON content_view (kind, school_id, created_at DESC);
CREATE INDEX content_view_library_grade ON content_view (kind, school_id, grade, topic);
CREATE INDEX content_view_library_topic ON content_view (kind, school_id, topic);
CREATE INDEX content_view_library_duration ON content_view (kind, school_id, duration);

-- Who the library names and filters by: each user's school, role and full name (contract §3.2), and
-- each school's name. The content projection keeps them from the account events itself, so a rename
-- changes them in the same transaction that raises the school's library version; joining the
-- accounts read model instead would let a cached answer capture a name that projection had not
-- updated yet, under the new version.
CREATE TABLE library_member (
    id        BIGINT PRIMARY KEY,
    school_id BIGINT      NOT NULL,
    role      VARCHAR(20) NOT NULL,
    full_name TEXT        NOT NULL
);
CREATE INDEX library_member_school ON library_member (school_id, role);

CREATE TABLE library_school (
    id   BIGINT PRIMARY KEY,
    name TEXT NOT NULL
);

-- A store whose content processor has already passed the account events starts from the accounts
-- read model (both processors are at the head of the store when the application stops).
INSERT INTO library_member (id, school_id, role, full_name)
SELECT id, school_id, role,
       CASE WHEN first_name <> '' AND last_name <> '' THEN first_name || ' ' || last_name ELSE username END
FROM user_view;
INSERT INTO library_school (id, name) SELECT id, name FROM school_view;
