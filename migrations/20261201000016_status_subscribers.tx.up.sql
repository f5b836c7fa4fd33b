-- E-mail subscribers of the status page (issue 17): double opt-in, a
-- choice of components (none: all), one-click unsubscribe. Their addresses
-- are seen by admins only.
CREATE TABLE status_subscribers (
    id                   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email                text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
    components           bigint[] NOT NULL DEFAULT '{}',
    -- confirms and unsubscribes this subscription (in its links); 256 random bits
    token                text NOT NULL UNIQUE,
    confirmed_at         timestamptz,
    unsubscribed_at      timestamptz,
    confirmation_sent_at timestamptz,
    created_at           timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX status_subscribers_email ON status_subscribers (lower(email)) WHERE unsubscribed_at IS NULL;

-- Every mail a subscriber is sent, recorded like other deliveries; one per
-- subscriber and public update, however often the relay or a worker retries.
CREATE TABLE subscriber_messages (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscriber_id      bigint NOT NULL REFERENCES status_subscribers (id) ON DELETE CASCADE,
    kind               text NOT NULL CHECK (kind IN ('CONFIRMATION', 'INCIDENT_UPDATE')),
    incident_update_id bigint REFERENCES incident_updates (id) ON DELETE CASCADE,
    status             text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts           integer NOT NULL DEFAULT 0,
    last_error         text,
    sent_at            timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    UNIQUE (subscriber_id, incident_update_id)
);
CREATE INDEX subscriber_messages_pending ON subscriber_messages (id) WHERE status = 'PENDING';
