-- Bulk import jobs as the status and job-list endpoints show them (contract §5.18), written by the
-- imports projection (processing group "imports"): one row per job, its outcome lists as JSON arrays
-- appended batch by batch.
CREATE TABLE import_job_view (
    id                 UUID         PRIMARY KEY,
    kind               VARCHAR(10)  NOT NULL,
    uploader_id        BIGINT       NOT NULL,
    school_id          BIGINT       NOT NULL,
    file_name          TEXT         NOT NULL,
    file_size          BIGINT       NOT NULL,
    headers            JSONB        NOT NULL,
    status             VARCHAR(10)  NOT NULL,
    total_rows         INT          NOT NULL,
    processed_rows     INT          NOT NULL DEFAULT 0,
    successful_imports INT          NOT NULL DEFAULT 0,
    failed_imports     INT          NOT NULL DEFAULT 0,
    errors             JSONB        NOT NULL DEFAULT '[]',
    warnings           JSONB        NOT NULL DEFAULT '[]',
    created_items      JSONB        NOT NULL DEFAULT '[]',
    started_at         TIMESTAMPTZ  NOT NULL,
    completed_at       TIMESTAMPTZ
);
CREATE INDEX import_job_view_uploader ON import_job_view (uploader_id, started_at DESC);
CREATE INDEX import_job_view_school ON import_job_view (school_id, started_at DESC);
CREATE INDEX import_job_view_started ON import_job_view (started_at DESC);
