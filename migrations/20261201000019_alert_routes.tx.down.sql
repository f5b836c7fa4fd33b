ALTER TABLE alert_sources DROP COLUMN IF EXISTS user_id;
DROP TABLE IF EXISTS alert_routes;
