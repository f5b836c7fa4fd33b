-- Settings and people through the API (issue 15).
ALTER TABLE severities ADD COLUMN version integer NOT NULL DEFAULT 1;
ALTER TABLE severities ADD CONSTRAINT severities_update_interval_range CHECK (update_interval_minutes BETWEEN 1 AND 10080);
ALTER TABLE severities ADD CONSTRAINT severities_retrospective_due_range CHECK (retrospective_due_days BETWEEN 1 AND 365);

-- A deactivated person keeps their history; their keys stop working.
ALTER TABLE users ADD COLUMN deactivated_at timestamptz;
CREATE INDEX users_active_admins_idx ON users (id) WHERE role = 'ADMIN' AND deactivated_at IS NULL;

-- A key may act with a narrower role than its owner's (NULL: the owner's).
ALTER TABLE api_keys ADD COLUMN role text CHECK (role IN ('VIEWER', 'RESPONDER', 'ADMIN'));
DROP TRIGGER api_keys_changed ON api_keys;
CREATE TRIGGER api_keys_changed AFTER UPDATE OF user_id, key_hash, expires_at, revoked_at, role OR DELETE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();

-- The audit log: every change to settings and people, written by triggers in
-- the changing transaction, whoever the writer (the API, the command line,
-- plain SQL). The API names the person acting with
-- set_config('firebreak.actor_id', …, true) in its transaction; changes made
-- without one have no actor. Secrets (key hashes, webhook secrets) are never
-- recorded.
CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    occurred_at  timestamptz NOT NULL DEFAULT now(),
    actor_id     bigint REFERENCES users (id),
    kind         text NOT NULL,
    subject_type text NOT NULL,
    subject_id   bigint NOT NULL,
    before       jsonb,
    after        jsonb
);
CREATE INDEX audit_log_occurred_at_idx ON audit_log (occurred_at, id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, occurred_at, id);
CREATE INDEX audit_log_kind_idx ON audit_log (kind, occurred_at, id);

-- TG_ARGV[0]: the subject's name in kinds ("severity" → severity.updated).
CREATE FUNCTION firebreak_audit() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    subject text := TG_ARGV[0];
    old_row jsonb;
    new_row jsonb;
    action  text := CASE TG_OP WHEN 'INSERT' THEN 'created' WHEN 'UPDATE' THEN 'updated' ELSE 'deleted' END;
    actor   bigint := nullif(current_setting('firebreak.actor_id', true), '')::bigint;
BEGIN
    IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD) - 'key_hash' - 'secret' - 'last_used_at' - 'updated_at'; END IF;
    IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW) - 'key_hash' - 'secret' - 'last_used_at' - 'updated_at'; END IF;
    IF TG_OP = 'UPDATE' THEN
        IF old_row = new_row THEN
            -- Only bookkeeping or a secret changed; a secret change is a change.
            IF (to_jsonb(OLD)->>'secret') IS DISTINCT FROM (to_jsonb(NEW)->>'secret') THEN
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

CREATE TRIGGER severities_audit AFTER INSERT OR UPDATE OR DELETE ON severities
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('severity');
CREATE TRIGGER products_audit AFTER INSERT OR UPDATE OR DELETE ON products
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('product');
CREATE TRIGGER notification_endpoints_audit AFTER INSERT OR UPDATE OR DELETE ON notification_endpoints
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('endpoint');
CREATE TRIGGER users_audit AFTER INSERT OR UPDATE OR DELETE ON users
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('user');
CREATE TRIGGER api_keys_audit AFTER INSERT OR UPDATE OR DELETE ON api_keys
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('api_key');
CREATE TRIGGER contributing_factor_categories_audit AFTER INSERT OR UPDATE OR DELETE ON contributing_factor_categories
    FOR EACH ROW EXECUTE FUNCTION firebreak_audit('category');
