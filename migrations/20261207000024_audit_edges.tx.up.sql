-- Issue 26: every admin-managed configuration is audited. Alert sources
-- are credentials that act on timelines and routes carry the templates
-- that name incidents; maintenance windows are announced to the public.
-- Status components are products (already audited); Slack and sign-in
-- settings live in the environment, not the database.
CREATE OR REPLACE FUNCTION firebreak_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    subject text := TG_ARGV[0];
    old_row jsonb;
    new_row jsonb;
    action  text := CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END;
    actor   bigint := nullif(current_setting('firebreak.actor_id', true), '')::bigint;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'key_hash' - 'token_hash' - 'secret' - 'last_used_at' - 'updated_at'; END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'key_hash' - 'token_hash' - 'secret' - 'last_used_at' - 'updated_at'; END IF;
    IF TG_OP = 'UPDATE' THEN
        IF old_row = new_row THEN
            -- Only bookkeeping or a secret changed; a secret change is a change.
            IF (to_jsonb(OLD)->>'secret') IS DISTINCT FROM (to_jsonb(NEW)->>'secret')
               OR (to_jsonb(OLD)->>'token_hash') IS DISTINCT FROM (to_jsonb(NEW)->>'token_hash') THEN
                action := 'secret_changed';
            ELSE
                RETURN NULL;
            END IF;
        ELSIF old_row ? 'revoked_at' AND old_row->'revoked_at' = 'null' AND new_row->'revoked_at' <> 'null' THEN
            action := 'revoked';
        ELSIF old_row ? 'deactivated_at' AND old_row->'deactivated_at' = 'null' AND new_row->'deactivated_at' <> 'null' THEN
            action := 'deactivated';
        ELSIF old_row ? 'deactivated_at' AND old_row->'deactivated_at' <> 'null' AND new_row->'deactivated_at' = 'null' THEN
            action := 'reactivated';
        ELSIF old_row ? 'archived_at' AND old_row->'archived_at' = 'null' AND new_row->'archived_at' <> 'null' THEN
            action := 'archived';
        END IF;
    END IF;
    INSERT INTO audit_log (actor_id, kind, subject_type, subject_id, before, after)
    VALUES (actor, subject || '.' || action, subject, coalesce(NEW.id, OLD.id), old_row, new_row);
    RETURN NULL;
END
$$;

CREATE TRIGGER alert_sources_audit AFTER INSERT OR UPDATE OR DELETE ON alert_sources
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('alert_source');
CREATE TRIGGER alert_routes_audit AFTER INSERT OR UPDATE OR DELETE ON alert_routes
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('alert_route');
CREATE TRIGGER maintenances_audit AFTER INSERT OR UPDATE OR DELETE ON maintenances
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('maintenance');
