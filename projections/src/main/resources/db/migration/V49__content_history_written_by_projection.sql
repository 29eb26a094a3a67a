-- The content projection writes the content_history versions of its own row changes itself, in bulk
-- and dated by their events (ContentWrites), and sets lms.history_written = 'projection' for those
-- writes so the trigger does not write them a second time. Every other write of content_view (the
-- projection's bulk deletes of a removed user or school, a direct SQL fix) still leaves its version
-- through the trigger.
CREATE OR REPLACE FUNCTION content_history_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    at TIMESTAMPTZ;
BEGIN
    IF current_setting('lms.history_written', true) = 'projection' THEN
        RETURN NULL;
    END IF;
    at := coalesce(nullif(current_setting('lms.event_time', true), '')::timestamptz, now());
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
