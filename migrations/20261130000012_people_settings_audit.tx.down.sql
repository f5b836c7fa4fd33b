DROP TRIGGER contributing_factor_categories_audit ON contributing_factor_categories;
DROP TRIGGER api_keys_audit ON api_keys;
DROP TRIGGER users_audit ON users;
DROP TRIGGER notification_endpoints_audit ON notification_endpoints;
DROP TRIGGER products_audit ON products;
DROP TRIGGER severities_audit ON severities;
DROP FUNCTION firebreak_audit();
DROP TABLE audit_log;

DROP TRIGGER api_keys_changed ON api_keys;
CREATE TRIGGER api_keys_changed AFTER UPDATE OF user_id, key_hash, expires_at, revoked_at OR DELETE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();
ALTER TABLE api_keys DROP COLUMN role;

DROP INDEX users_active_admins_idx;
ALTER TABLE users DROP COLUMN deactivated_at;

ALTER TABLE severities DROP CONSTRAINT severities_retrospective_due_range;
ALTER TABLE severities DROP CONSTRAINT severities_update_interval_range;
ALTER TABLE severities DROP COLUMN version;
