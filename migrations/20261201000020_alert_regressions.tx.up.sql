-- Alerts in (issue 18): which route declared a group's incident (its
-- auto_resolve says whether the incident may resolve when every alert of
-- the group has), and how many incidents the group has declared, so that a
-- group firing again after its incident was closed declares a new one under
-- a new idempotency key.
ALTER TABLE alert_routes ADD COLUMN auto_resolve boolean NOT NULL DEFAULT false;
ALTER TABLE alert_groups
    ADD COLUMN route_id bigint REFERENCES alert_routes (id) ON DELETE SET NULL,
    ADD COLUMN declarations integer NOT NULL DEFAULT 0;
CREATE INDEX alert_groups_incident ON alert_groups (incident_id) WHERE incident_id IS NOT NULL;
