-- Read model of the courses projection (processing group "courses"): courses, their ordered items,
-- enrolments and per-item progress, rebuilt from the event store at will. Item titles come from
-- content_view and activity_view, user names and schools from user_view, at query time. Text columns
-- are unbounded and nothing is unique beyond the ids: the command side enforces the rules, and a read
-- model must never refuse an event the store already holds.
CREATE TABLE course_view (
    id          UUID        PRIMARY KEY,
    school_id   BIGINT,                   -- null: a global course
    title       TEXT        NOT NULL,
    description TEXT        NOT NULL,
    grade_band  TEXT        NOT NULL,
    status      VARCHAR(10) NOT NULL,     -- draft | published | archived
    created_by  BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX course_view_school ON course_view (school_id, status, updated_at DESC);

-- position: 1..n in the aggregate's order; item_id names an activity, video or resource.
CREATE TABLE course_item_view (
    course_id UUID       NOT NULL REFERENCES course_view (id) ON DELETE CASCADE,
    position  INTEGER    NOT NULL,
    item_type VARCHAR(8) NOT NULL,        -- activity | video | resource
    item_id   UUID       NOT NULL,
    PRIMARY KEY (course_id, item_id)
);
CREATE INDEX course_item_view_item ON course_item_view (item_id);

-- The items the API shows: those whose activity, video or resource is still on the read side.
-- Percent complete counts these only, so a deleted video stops counting at once.
CREATE VIEW course_live_item AS
SELECT i.course_id, i.position, i.item_type, i.item_id, coalesce(c.title, a.title) AS title
FROM course_item_view i
     LEFT JOIN content_view c ON i.item_type IN ('video', 'resource') AND c.kind = i.item_type AND c.id = i.item_id
     LEFT JOIN activity_view a ON i.item_type = 'activity' AND a.id = i.item_id
WHERE c.id IS NOT NULL OR a.id IS NOT NULL;

CREATE TABLE enrolment_view (
    id           UUID        PRIMARY KEY,
    course_id    UUID        NOT NULL,
    user_id      BIGINT      NOT NULL,
    status       VARCHAR(10) NOT NULL,    -- active | completed | withdrawn
    enrolled_by  BIGINT      NOT NULL,
    enrolled_at  TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    withdrawn_at TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL
);
CREATE INDEX enrolment_view_course ON enrolment_view (course_id, status);
CREATE INDEX enrolment_view_user ON enrolment_view (user_id, enrolled_at DESC);
CREATE INDEX enrolment_view_enrolled ON enrolment_view (enrolled_at DESC, id);

CREATE TABLE enrolment_item_view (
    enrolment_id UUID        NOT NULL REFERENCES enrolment_view (id) ON DELETE CASCADE,
    item_id      UUID        NOT NULL,
    status       VARCHAR(10) NOT NULL,    -- started | completed
    started_at   TIMESTAMPTZ NOT NULL,
    completed_at TIMESTAMPTZ,
    PRIMARY KEY (enrolment_id, item_id)
);
