-- Who holds which role on an incident. One current holder per role; past
-- holders stay for the record (unassigned_at set).
CREATE TABLE incident_role_assignments (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id    bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    role           text NOT NULL CHECK (role IN ('COMMANDER', 'COMMUNICATIONS', 'OPERATIONS', 'SCRIBE')),
    user_id        bigint NOT NULL REFERENCES users (id),
    assigned_by_id bigint REFERENCES users (id),
    assigned_at    timestamptz NOT NULL,
    unassigned_at  timestamptz
);
CREATE UNIQUE INDEX incident_role_current_key ON incident_role_assignments (incident_id, role) WHERE unassigned_at IS NULL;
-- "incidents I hold a role on", for private-incident access checks
CREATE INDEX incident_role_user_idx ON incident_role_assignments (user_id, incident_id) WHERE unassigned_at IS NULL;

-- A retried creating mutation with the same key and actor returns the first
-- result instead of creating again.
CREATE TABLE idempotency_keys (
    actor_id   bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    key        text NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    operation  text NOT NULL,
    result_id  bigint NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (actor_id, key)
);

-- Full-text search over title, summary and every update's body, kept up to
-- date by the mutations that change them.
ALTER TABLE incidents ADD COLUMN search_vector tsvector NOT NULL DEFAULT ''::tsvector;
UPDATE incidents i SET search_vector =
    setweight(to_tsvector('english', i.title), 'A') ||
    setweight(to_tsvector('english', i.summary), 'B') ||
    coalesce((SELECT to_tsvector('english', string_agg(u.body, ' ')) FROM incident_updates u WHERE u.incident_id = i.id), ''::tsvector);
CREATE INDEX incidents_search_idx ON incidents USING gin (search_vector);
CREATE INDEX incidents_visibility_idx ON incidents (visibility, declared_at DESC, id DESC) WHERE visibility = 'PRIVATE';

