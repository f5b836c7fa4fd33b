-- Routing rules for alerts (issue 18), in order: Alertmanager matchers →
-- products, severity, declare or attach only, a title template. Each
-- source acts as a person of its own on the timeline.
CREATE TABLE alert_routes (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position       integer NOT NULL DEFAULT 0,
    matchers       text NOT NULL CHECK (length(matchers) BETWEEN 1 AND 2000),
    product_ids    bigint[] NOT NULL DEFAULT '{}',
    severity_level integer NOT NULL,
    auto_declare   boolean NOT NULL DEFAULT true,
    title_template text NOT NULL DEFAULT '' CHECK (length(title_template) <= 500),
    created_at     timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE alert_sources ADD COLUMN user_id bigint REFERENCES users (id);
