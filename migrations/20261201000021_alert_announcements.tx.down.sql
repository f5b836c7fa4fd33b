DROP INDEX IF EXISTS alerts_unannounced;
ALTER TABLE alerts DROP COLUMN IF EXISTS announced_status;
