-- Alerts in (issue 18): the state of each alert its incident's timeline has
-- been told, so that a notification stored but not announced (the API
-- process died in between, or the incident work failed and the sender's
-- retry changes nothing) is announced by the workers' reconciler instead of
-- never. NULL: not announced to the group's current incident.
ALTER TABLE alerts ADD COLUMN announced_status text CHECK (announced_status IN ('FIRING', 'RESOLVED'));
UPDATE alerts SET announced_status = status
WHERE group_id IN (SELECT id FROM alert_groups WHERE incident_id IS NOT NULL);
-- The alerts a group's incident has not been told of: few at any moment, so
-- the reconciler's search for them reads this small index, not every alert.
CREATE INDEX alerts_unannounced ON alerts (group_id) WHERE announced_status IS DISTINCT FROM status;
