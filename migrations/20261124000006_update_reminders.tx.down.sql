DROP TABLE IF EXISTS notifications;
DROP INDEX IF EXISTS incidents_next_update_due_idx;
