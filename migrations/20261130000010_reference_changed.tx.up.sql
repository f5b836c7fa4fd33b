-- Processes cache API keys, people and reference data (severities,
-- products) in memory. Any change to them, by any writer (the API, the
-- command line, plain SQL), notifies every listening process when it
-- commits, and they drop their caches. Statement-level: one notification per
-- statement, not per row; an API key's last_used_at bookkeeping is not a
-- change that matters and does not notify.
CREATE FUNCTION firebreak_reference_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('firebreak_reference', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TRIGGER api_keys_changed AFTER UPDATE OF user_id, key_hash, expires_at, revoked_at OR DELETE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();
CREATE TRIGGER users_changed AFTER UPDATE OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();
CREATE TRIGGER severities_changed AFTER INSERT OR UPDATE OR DELETE ON severities
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();
CREATE TRIGGER products_changed AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();
