-- Status-update reminders: incidents.next_update_due_at (already a column)
-- is kept by every mutation; workers find due incidents through this index.
CREATE INDEX incidents_next_update_due_idx ON incidents (next_update_due_at)
    WHERE next_update_due_at IS NOT NULL;

UPDATE incidents i
   SET next_update_due_at = coalesce(i.last_update_at, i.declared_at)
                            + make_interval(mins => s.update_interval_minutes)
  FROM severities s
 WHERE s.id = i.severity_id
   AND i.status IN ('INVESTIGATING', 'IDENTIFIED', 'MONITORING')
   AND i.next_update_due_at IS NULL;

-- In-app notifications: what a user is asked to do, e.g. post an overdue
-- update. One per user and timeline event, so a retried task adds none.
CREATE TABLE notifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    incident_id bigint REFERENCES incidents (id) ON DELETE CASCADE,
    event_id    bigint REFERENCES timeline_events (id) ON DELETE CASCADE,
    kind        text NOT NULL,
    message     text NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    read_at     timestamptz
);
CREATE UNIQUE INDEX notifications_user_event_key ON notifications (user_id, event_id);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id, id DESC) WHERE read_at IS NULL;
