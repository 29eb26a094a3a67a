-- The version of each projection's tables: raised each time a blue/green rebuild puts new tables
-- live. A projection without a row is at version 1.
CREATE TABLE projection_version (
    name    TEXT    PRIMARY KEY,
    version INTEGER NOT NULL
);

-- The rebuild in progress per projection (at most one): it survives restarts, so whichever node
-- claims it next resumes it from its processor's committed token. The running node refreshes the
-- progress columns; the row is deleted in the transaction that switches the tables.
CREATE TABLE projection_rebuild (
    name              TEXT             PRIMARY KEY,
    target_version    INTEGER          NOT NULL,
    status            TEXT             NOT NULL CHECK (status IN ('building', 'switching', 'failed')),
    position          BIGINT           NOT NULL DEFAULT 0,
    head              BIGINT           NOT NULL DEFAULT 0,
    events_per_second DOUBLE PRECISION NOT NULL DEFAULT 0,
    started_at        TIMESTAMPTZ      NOT NULL,
    error             TEXT
);
