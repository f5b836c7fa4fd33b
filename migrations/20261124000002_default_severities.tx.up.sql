-- The defaults from the incident-management proposal; admins may edit them.
INSERT INTO severities (level, name, description, color, update_interval_minutes, retrospective_required, retrospective_due_days)
VALUES
    (1, 'SEV-1', 'Total loss of availability (outage) for all customers, or a PII data breach.', '#D92D20', 30, true, 5),
    (2, 'SEV-2', 'Disruption of normal usage with no workaround; or loss of availability to a significant fraction of the user base.', '#F79009', 60, true, 10),
    (3, 'SEV-3', 'Work can be completed and users have their data, but degraded functionality prevents users from completing typical tasks.', '#FDB022', 240, false, 15)
ON CONFLICT (level) DO NOTHING;
