-- Lets counts of visible incidents run as index-only scans instead of
-- reading the (wide) incident rows.
CREATE INDEX incidents_access_idx ON incidents (visibility, created_by_id, id);
