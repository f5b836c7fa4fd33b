DROP TABLE IF EXISTS alerts;
DROP TABLE IF EXISTS alert_groups;
DROP TABLE IF EXISTS alert_payloads;
DROP TABLE IF EXISTS alert_sources;
