-- Alerts in (issue 18): sources that may post alerts (a token each, hashed
-- like API keys), every accepted payload as received, and alerts grouped as
-- their sender grouped them, each with its own state.
CREATE TABLE alert_sources (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    kind          text NOT NULL CHECK (kind IN ('ALERTMANAGER', 'GRAFANA', 'GENERIC')),
    token_hash    bytea NOT NULL UNIQUE,
    token_prefix  text NOT NULL,
    created_by_id bigint REFERENCES users (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    revoked_at    timestamptz
);

-- Postgres is the truth: a payload is stored before it is answered.
CREATE TABLE alert_payloads (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id   bigint NOT NULL REFERENCES alert_sources (id) ON DELETE CASCADE,
    received_at timestamptz NOT NULL DEFAULT now(),
    body        jsonb NOT NULL
);

CREATE TABLE alert_groups (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id   bigint NOT NULL REFERENCES alert_sources (id) ON DELETE CASCADE,
    group_key   text NOT NULL,
    labels      jsonb NOT NULL DEFAULT '{}',
    status      text NOT NULL CHECK (status IN ('FIRING', 'RESOLVED')),
    incident_id bigint REFERENCES incidents (id),
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, group_key)
);

CREATE TABLE alerts (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source_id     bigint NOT NULL REFERENCES alert_sources (id) ON DELETE CASCADE,
    group_id      bigint NOT NULL REFERENCES alert_groups (id) ON DELETE CASCADE,
    fingerprint   text NOT NULL,
    status        text NOT NULL CHECK (status IN ('FIRING', 'RESOLVED')),
    labels        jsonb NOT NULL DEFAULT '{}',
    annotations   jsonb NOT NULL DEFAULT '{}',
    starts_at     timestamptz,
    ends_at       timestamptz,
    generator_url text NOT NULL DEFAULT '',
    first_seen_at timestamptz NOT NULL DEFAULT now(),
    changed_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE (source_id, fingerprint)
);
CREATE INDEX alerts_group ON alerts (group_id);
