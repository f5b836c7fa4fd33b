DROP TABLE IF EXISTS component_overrides;
ALTER TABLE incident_updates DROP COLUMN IF EXISTS public;
DROP INDEX IF EXISTS incidents_published;
ALTER TABLE incidents DROP COLUMN IF EXISTS published_at, DROP COLUMN IF EXISTS public_title;
ALTER TABLE products DROP COLUMN IF EXISTS public, DROP COLUMN IF EXISTS position, DROP COLUMN IF EXISTS group_name;
