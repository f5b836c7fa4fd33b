DROP INDEX IF EXISTS incidents_visibility_idx;
DROP INDEX IF EXISTS incidents_search_idx;
ALTER TABLE incidents DROP COLUMN IF EXISTS search_vector;
DROP TABLE IF EXISTS idempotency_keys;
DROP TABLE IF EXISTS incident_role_assignments;
