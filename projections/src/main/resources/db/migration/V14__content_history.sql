-- Every version of every library row with the event time it held from and until (issue "Audit and
-- replay": the library as of a moment). Kept by a trigger on content_view, so every write of the
-- content projection — including the bulk ones of UserRemoved and SchoolDeleted — leaves its
-- version behind. The time is the handled event's timestamp, set per event by the projection's
-- interceptor in the transaction-local setting lms.event_time (now() when unset: a direct SQL fix).
CREATE TABLE content_history (
    history_id    BIGSERIAL   PRIMARY KEY,
    kind          VARCHAR(10) NOT NULL,
    id            UUID        NOT NULL,
    title         TEXT        NOT NULL,
    description   TEXT        NOT NULL,
    grade         TEXT        NOT NULL,
    topic         TEXT        NOT NULL,
    tags          JSONB       NOT NULL,
    duration      INTEGER,
    file_size     BIGINT,
    uri           TEXT        NOT NULL,
    thumbnail_uri TEXT        NOT NULL,
    file_type     TEXT        NOT NULL,
    owner_id      BIGINT      NOT NULL,
    school_id     BIGINT      NOT NULL,
    status        VARCHAR(10) NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    search_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(jsonb_to_tsvector('english', tags, '["string"]'), 'B')
        || setweight(to_tsvector('english', description), 'C')) STORED,
    valid_from    TIMESTAMPTZ NOT NULL,
    valid_to      TIMESTAMPTZ
);
CREATE INDEX content_history_school ON content_history (kind, school_id, valid_from);
CREATE INDEX content_history_open ON content_history (kind, id) WHERE valid_to IS NULL;

CREATE FUNCTION content_history_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    at TIMESTAMPTZ := coalesce(nullif(current_setting('lms.event_time', true), '')::timestamptz, now());
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE content_history SET valid_to = at WHERE kind = OLD.kind AND id = OLD.id AND valid_to IS NULL;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO content_history (kind, id, title, description, grade, topic, tags, duration, file_size, uri,
                                     thumbnail_uri, file_type, owner_id, school_id, status, created_at, updated_at,
                                     valid_from)
        VALUES (NEW.kind, NEW.id, NEW.title, NEW.description, NEW.grade, NEW.topic, NEW.tags, NEW.duration,
                NEW.file_size, NEW.uri, NEW.thumbnail_uri, NEW.file_type, NEW.owner_id, NEW.school_id, NEW.status,
                NEW.created_at, NEW.updated_at, at);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER content_history_insert_delete AFTER INSERT OR DELETE ON content_view
    FOR EACH ROW EXECUTE FUNCTION content_history_keep();
-- only changes the library shows start a version (storage path, review fields alone do not)
CREATE TRIGGER content_history_update AFTER UPDATE ON content_view
    FOR EACH ROW WHEN ((OLD.title, OLD.description, OLD.grade, OLD.topic, OLD.tags, OLD.duration, OLD.file_size,
                        OLD.uri, OLD.thumbnail_uri, OLD.file_type, OLD.owner_id, OLD.school_id, OLD.status,
                        OLD.created_at, OLD.updated_at)
                       IS DISTINCT FROM
                       (NEW.title, NEW.description, NEW.grade, NEW.topic, NEW.tags, NEW.duration, NEW.file_size,
                        NEW.uri, NEW.thumbnail_uri, NEW.file_type, NEW.owner_id, NEW.school_id, NEW.status,
                        NEW.created_at, NEW.updated_at))
    EXECUTE FUNCTION content_history_keep();

-- the rows that exist already start their history when they were last changed
INSERT INTO content_history (kind, id, title, description, grade, topic, tags, duration, file_size, uri,
                             thumbnail_uri, file_type, owner_id, school_id, status, created_at, updated_at, valid_from)
SELECT kind, id, title, description, grade, topic, tags, duration, file_size, uri, thumbnail_uri, file_type,
       owner_id, school_id, status, created_at, updated_at, updated_at
FROM content_view;
