-- The incident bot (issue 16): Slack state of each incident, kept beside the
-- record it mirrors. PostgreSQL stays the truth: everything here can be
-- re-derived by syncing again, except which Slack objects already exist.

-- chat_channels: one row per incident the bot knows. The event relay raises
-- wanted (to the incident's last event sequence) in the transaction that
-- publishes the event; a sync brings Slack up to date and sets synced. The
-- reconciler re-queues rows left behind (wanted > synced).
CREATE TABLE chat_channels (
    incident_id       bigint PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE,
    channel_id        text UNIQUE,
    channel_name      text,
    wanted            bigint NOT NULL DEFAULT 0,
    synced            bigint NOT NULL DEFAULT 0,
    -- the last REMINDER_SENT event posted in the channel
    reminded_event_id bigint NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_channels_behind ON chat_channels (incident_id) WHERE wanted > synced;

-- chat_headlines: the headline message in each channel, and the incident
-- version (last event sequence) it shows: a rendering of an older version
-- never replaces it.
CREATE TABLE chat_headlines (
    incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    channel_id  text NOT NULL,
    ts          text NOT NULL,
    version     bigint NOT NULL,
    digest      bytea NOT NULL,
    PRIMARY KEY (incident_id, channel_id)
);

-- chat_notes: chat messages added to a timeline, so a second pin adds nothing.
CREATE TABLE chat_notes (
    channel_id text NOT NULL,
    message_ts text NOT NULL,
    event_id   bigint NOT NULL REFERENCES timeline_events (id) ON DELETE CASCADE,
    PRIMARY KEY (channel_id, message_ts)
);

-- chat_requests: signatures of Slack requests already acted on, kept for
-- the five minutes their timestamp is accepted: a replay is refused.
CREATE TABLE chat_requests (
    signature   text PRIMARY KEY,
    received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chat_requests_received_at ON chat_requests (received_at);
