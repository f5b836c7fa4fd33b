-- Learning from incidents: one retrospective per incident, follow-up action
-- items, and the editable list of contributing-factor categories.
CREATE TABLE contributing_factor_categories (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name <> ''),
    archived_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contributing_factor_categories_name_key ON contributing_factor_categories (lower(name));
INSERT INTO contributing_factor_categories (name)
VALUES ('Code change'), ('Configuration'), ('Capacity'), ('Dependency'), ('Process');

CREATE TABLE retrospectives (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id          bigint NOT NULL UNIQUE REFERENCES incidents (id) ON DELETE CASCADE,
    owner_id             bigint REFERENCES users (id),
    status               text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'IN_REVIEW', 'PUBLISHED')),
    due_at               timestamptz,
    summary              text NOT NULL DEFAULT '',
    impact               text NOT NULL DEFAULT '',
    root_cause           text NOT NULL DEFAULT '',
    -- [{"categoryId": 1, "description": "…"}]
    contributing_factors jsonb NOT NULL DEFAULT '[]',
    what_went_well       text NOT NULL DEFAULT '',
    what_went_poorly     text NOT NULL DEFAULT '',
    lessons_learned      text NOT NULL DEFAULT '',
    version              integer NOT NULL DEFAULT 1,
    published_at         timestamptz,
    -- when the owner is next nudged while unpublished (worker)
    next_nudge_at        timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now(),
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX retrospectives_nudge_idx ON retrospectives (next_nudge_at) WHERE next_nudge_at IS NOT NULL;

CREATE TABLE action_items (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id      bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    retrospective_id bigint REFERENCES retrospectives (id) ON DELETE SET NULL,
    title            text NOT NULL CHECK (title <> ''),
    description      text NOT NULL DEFAULT '',
    owner_id         bigint REFERENCES users (id),
    due_at           timestamptz,
    priority         text NOT NULL DEFAULT 'P3' CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
    status           text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'IN_PROGRESS', 'DONE', 'WONT_DO')),
    completed_at     timestamptz,
    external_url     text,
    created_by_id    bigint NOT NULL REFERENCES users (id),
    version          integer NOT NULL DEFAULT 1,
    next_nudge_at    timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX action_items_incident_idx ON action_items (incident_id, id);
CREATE INDEX action_items_owner_idx ON action_items (owner_id, id);
CREATE INDEX action_items_open_due_idx ON action_items (due_at) WHERE status IN ('OPEN', 'IN_PROGRESS');
CREATE INDEX action_items_nudge_idx ON action_items (next_nudge_at) WHERE next_nudge_at IS NOT NULL;

-- incidentMetrics reads these columns of every incident in a period: an
-- index-only scan instead of the wide rows (search vectors and all).
CREATE INDEX incidents_metrics_idx ON incidents (declared_at)
    INCLUDE (id, status, severity_id, visibility, created_by_id, detected_at, acknowledged_at, mitigated_at, resolved_at);
