-- A blue/green rebuild that has caught up builds the indexes it left out of its replay (status
-- 'indexing') before it switches.
ALTER TABLE projection_rebuild DROP CONSTRAINT projection_rebuild_status_check;
ALTER TABLE projection_rebuild ADD CONSTRAINT projection_rebuild_status_check
    CHECK (status IN ('building', 'indexing', 'switching', 'failed'));
