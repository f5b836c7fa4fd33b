DROP TRIGGER IF EXISTS alert_sources_audit ON alert_sources;
DROP TRIGGER IF EXISTS alert_routes_audit ON alert_routes;
DROP TRIGGER IF EXISTS maintenances_audit ON maintenances;
