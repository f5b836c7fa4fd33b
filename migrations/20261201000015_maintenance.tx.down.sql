DROP TABLE IF EXISTS maintenance_updates;
DROP TABLE IF EXISTS maintenance_components;
DROP TABLE IF EXISTS maintenances;
