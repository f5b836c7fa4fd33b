DROP INDEX IF EXISTS alert_groups_incident;
ALTER TABLE alert_groups DROP COLUMN IF EXISTS route_id, DROP COLUMN IF EXISTS declarations;
ALTER TABLE alert_routes DROP COLUMN IF EXISTS auto_resolve;
