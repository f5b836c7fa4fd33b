DROP INDEX IF EXISTS incidents_access_idx;
