CREATE TABLE severities (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    level                   integer NOT NULL UNIQUE CHECK (level BETWEEN 1 AND 9),
    name                    text NOT NULL UNIQUE CHECK (name <> ''),
    description             text NOT NULL DEFAULT '',
    color                   text NOT NULL DEFAULT '#888888',
    update_interval_minutes integer NOT NULL CHECK (update_interval_minutes > 0),
    retrospective_required  boolean NOT NULL DEFAULT false,
    retrospective_due_days  integer NOT NULL DEFAULT 10 CHECK (retrospective_due_days > 0),
    created_at              timestamptz NOT NULL DEFAULT now(),
    updated_at              timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE products (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        text NOT NULL CHECK (name <> ''),
    slug        text NOT NULL CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    description text NOT NULL DEFAULT '',
    archived_at timestamptz,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX products_slug_key ON products (slug);
CREATE UNIQUE INDEX products_name_key ON products (lower(name));

CREATE TABLE users (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL CHECK (name <> ''),
    email      text,
    role       text NOT NULL CHECK (role IN ('VIEWER', 'RESPONDER', 'ADMIN')),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

CREATE TABLE api_keys (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id      bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         text NOT NULL DEFAULT '',
    -- SHA-256 of the key: keys are 256 random bits, so a slow hash buys nothing.
    key_hash     bytea NOT NULL UNIQUE,
    prefix       text NOT NULL,
    expires_at   timestamptz,
    revoked_at   timestamptz,
    last_used_at timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_user_id_idx ON api_keys (user_id);

CREATE SEQUENCE incident_number_seq;

CREATE TABLE incidents (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number              bigint NOT NULL UNIQUE DEFAULT nextval('incident_number_seq'),
    handle              text NOT NULL UNIQUE,
    title               text NOT NULL CHECK (title <> ''),
    summary             text NOT NULL DEFAULT '',
    status              text NOT NULL CHECK (status IN ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED', 'CLOSED', 'CANCELED')),
    severity_id         bigint NOT NULL REFERENCES severities (id),
    visibility          text NOT NULL DEFAULT 'PUBLIC' CHECK (visibility IN ('PUBLIC', 'PRIVATE')),
    created_by_id       bigint NOT NULL REFERENCES users (id),
    detected_at         timestamptz NOT NULL,
    declared_at         timestamptz NOT NULL,
    acknowledged_at     timestamptz,
    mitigated_at        timestamptz,
    resolved_at         timestamptz,
    closed_at           timestamptz,
    last_update_at      timestamptz,
    next_update_due_at  timestamptz,
    -- optimistic concurrency for edits
    version             integer NOT NULL DEFAULT 1,
    -- per-incident timeline sequence; bumped under the incident's row lock
    last_event_sequence integer NOT NULL DEFAULT 0,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now()
);
ALTER SEQUENCE incident_number_seq OWNED BY incidents.number;
-- the incident list's order and keyset cursor
CREATE INDEX incidents_declared_idx ON incidents (declared_at DESC, id DESC);
CREATE INDEX incidents_status_idx ON incidents (status, declared_at DESC, id DESC);
CREATE INDEX incidents_severity_idx ON incidents (severity_id, declared_at DESC, id DESC);

CREATE TABLE incident_products (
    incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    product_id  bigint NOT NULL REFERENCES products (id),
    PRIMARY KEY (incident_id, product_id)
);
CREATE INDEX incident_products_product_idx ON incident_products (product_id, incident_id);

CREATE TABLE incident_updates (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    author_id   bigint NOT NULL REFERENCES users (id),
    body        text NOT NULL CHECK (body <> ''),
    status      text CHECK (status IN ('INVESTIGATING', 'IDENTIFIED', 'MONITORING', 'RESOLVED', 'CLOSED', 'CANCELED')),
    severity_id bigint REFERENCES severities (id),
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_updates_incident_idx ON incident_updates (incident_id, created_at DESC, id DESC);

CREATE TABLE timeline_events (
    -- global and increasing: the cursor for live subscriptions
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    sequence    integer NOT NULL,
    kind        text NOT NULL,
    actor_id    bigint REFERENCES users (id),
    occurred_at timestamptz NOT NULL,
    message     text NOT NULL DEFAULT '',
    data        jsonb NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL DEFAULT now(),
    UNIQUE (incident_id, sequence)
);
CREATE INDEX timeline_events_order_idx ON timeline_events (incident_id, occurred_at, sequence);
