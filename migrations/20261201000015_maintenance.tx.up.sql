-- Scheduled maintenance on the status page (issue 17): a window on public
-- components, moving SCHEDULED → IN_PROGRESS → (VERIFYING →) COMPLETED, or
-- CANCELED, with its own public updates.
CREATE TABLE maintenances (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title           text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    status          text NOT NULL DEFAULT 'SCHEDULED' CHECK (status IN ('SCHEDULED', 'IN_PROGRESS', 'VERIFYING', 'COMPLETED', 'CANCELED')),
    scheduled_for   timestamptz NOT NULL,
    scheduled_until timestamptz NOT NULL CHECK (scheduled_until > scheduled_for),
    started_at      timestamptz,
    completed_at    timestamptz,
    created_by_id   bigint NOT NULL REFERENCES users (id),
    version         integer NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX maintenances_current ON maintenances (scheduled_for) WHERE status IN ('SCHEDULED', 'IN_PROGRESS', 'VERIFYING');

CREATE TABLE maintenance_components (
    maintenance_id bigint NOT NULL REFERENCES maintenances (id) ON DELETE CASCADE,
    product_id     bigint NOT NULL REFERENCES products (id),
    PRIMARY KEY (maintenance_id, product_id)
);

-- Every maintenance update is public: maintenance is announced, not worked.
CREATE TABLE maintenance_updates (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    maintenance_id bigint NOT NULL REFERENCES maintenances (id) ON DELETE CASCADE,
    status         text NOT NULL,
    body           text NOT NULL CHECK (length(body) BETWEEN 1 AND 10000),
    author_id      bigint NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX maintenance_updates_of ON maintenance_updates (maintenance_id, created_at);

-- Every process's status page rebuilds when these change (refcache's
-- notification; incidents reach it through the event hub).
CREATE TRIGGER maintenances_changed AFTER INSERT OR UPDATE OR DELETE ON maintenances
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();
CREATE TRIGGER maintenance_updates_changed AFTER INSERT OR UPDATE OR DELETE ON maintenance_updates
    FOR EACH STATEMENT EXECUTE FUNCTION firebreak_reference_changed();
