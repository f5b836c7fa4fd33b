DROP TABLE IF EXISTS timeline_events;
DROP TABLE IF EXISTS incident_updates;
DROP TABLE IF EXISTS incident_products;
DROP TABLE IF EXISTS incidents;
DROP TABLE IF EXISTS api_keys;
DROP TABLE IF EXISTS users;
DROP TABLE IF EXISTS products;
DROP TABLE IF EXISTS severities;
