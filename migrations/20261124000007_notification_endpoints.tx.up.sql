-- Where incident events are delivered: signed JSON webhooks and Slack
-- incoming webhooks, each with its filters.
CREATE TABLE notification_endpoints (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name               text NOT NULL CHECK (name <> ''),
    kind               text NOT NULL CHECK (kind IN ('WEBHOOK', 'SLACK')),
    url                text NOT NULL,
    secret             text NOT NULL DEFAULT '',
    -- Deliver incidents of this level or worse (1 is worst); NULL: all.
    min_severity_level integer,
    product_ids        bigint[] NOT NULL DEFAULT '{}',
    event_kinds        text[] NOT NULL DEFAULT '{}',
    include_private    boolean NOT NULL DEFAULT false,
    enabled            boolean NOT NULL DEFAULT true,
    created_by_id      bigint REFERENCES users (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);

-- One delivery per endpoint and event (or per test send, without an event).
-- The body is rendered once, so every attempt sends the same bytes.
CREATE TABLE deliveries (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint_id  bigint NOT NULL REFERENCES notification_endpoints (id) ON DELETE CASCADE,
    event_id     bigint REFERENCES timeline_events (id) ON DELETE CASCADE,
    incident_id  bigint REFERENCES incidents (id) ON DELETE CASCADE,
    status       text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'FAILED')),
    body         bytea NOT NULL,
    attempts     integer NOT NULL DEFAULT 0,
    created_at   timestamptz NOT NULL DEFAULT now(),
    delivered_at timestamptz,
    failed_at    timestamptz
);
CREATE UNIQUE INDEX deliveries_endpoint_event_key ON deliveries (endpoint_id, event_id);
CREATE INDEX deliveries_endpoint_idx ON deliveries (endpoint_id, id DESC);
CREATE INDEX deliveries_pending_idx ON deliveries (id) WHERE status = 'PENDING';

CREATE TABLE delivery_attempts (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    delivery_id bigint NOT NULL REFERENCES deliveries (id) ON DELETE CASCADE,
    number      integer NOT NULL,
    started_at  timestamptz NOT NULL,
    duration_ms double precision NOT NULL,
    status_code integer,
    error       text,
    UNIQUE (delivery_id, number)
);
