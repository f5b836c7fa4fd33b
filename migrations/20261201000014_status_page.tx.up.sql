-- The public status page (issue 17). What the public sees is chosen, never
-- leaked: products marked public are its components, incidents appear once
-- published (with a public title), and only updates marked public are shown.
ALTER TABLE products
    ADD COLUMN public     boolean NOT NULL DEFAULT false,
    ADD COLUMN position   integer NOT NULL DEFAULT 0 CHECK (position BETWEEN 0 AND 10000),
    ADD COLUMN group_name text NOT NULL DEFAULT '' CHECK (length(group_name) <= 100);

ALTER TABLE incidents
    ADD COLUMN published_at timestamptz,
    ADD COLUMN public_title text CHECK (public_title IS NULL OR length(public_title) BETWEEN 1 AND 200);
CREATE INDEX incidents_published ON incidents (published_at) WHERE published_at IS NOT NULL;

ALTER TABLE incident_updates ADD COLUMN public boolean NOT NULL DEFAULT false;

-- A responder's override of what an open incident does to a component,
-- instead of the status its severity implies.
CREATE TABLE component_overrides (
    incident_id bigint NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
    product_id  bigint NOT NULL REFERENCES products (id) ON DELETE CASCADE,
    status      text NOT NULL CHECK (status IN ('OPERATIONAL', 'DEGRADED_PERFORMANCE', 'PARTIAL_OUTAGE', 'MAJOR_OUTAGE', 'UNDER_MAINTENANCE')),
    set_by_id   bigint REFERENCES users (id),
    set_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (incident_id, product_id)
);
