-- Timeline events waiting to be published to live subscribers. Written in
-- the mutation's transaction, deleted by the relay once Redis has them, so
-- nothing is published for a rolled-back transaction and nothing committed
-- is lost while Redis is down.
CREATE TABLE event_outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id   bigint NOT NULL REFERENCES timeline_events (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now()
);
