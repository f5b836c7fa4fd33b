-- Exact incident counts kept by the database itself, so that a list's
-- totalCount reads a few hundred small rows instead of counting every
-- incident. Triggers keep them in the same transaction as each change,
-- whoever makes it (the API, the seed, plain SQL).
--
-- product_id 0 counts every incident; any other counts the incidents
-- affecting that product. An incident counts in slot id % 8, so that
-- concurrent changes to different incidents rarely wait for one counter
-- row. Counter rows are always updated in key order, so two transactions
-- never wait for each other in a cycle.
CREATE TABLE incident_counts (
    product_id  bigint   NOT NULL,
    status      text     NOT NULL,
    severity_id bigint   NOT NULL,
    visibility  text     NOT NULL,
    slot        smallint NOT NULL,
    n           bigint   NOT NULL,
    PRIMARY KEY (product_id, status, severity_id, visibility, slot)
);

INSERT INTO incident_counts
SELECT 0, status, severity_id, visibility, (id % 8)::smallint, count(*)
FROM incidents GROUP BY 2, 3, 4, 5;
INSERT INTO incident_counts
SELECT ip.product_id, i.status, i.severity_id, i.visibility, (i.id % 8)::smallint, count(*)
FROM incident_products ip JOIN incidents i ON i.id = ip.incident_id GROUP BY 1, 2, 3, 4, 5;

-- New incidents (a bulk insert is counted in one pass).
CREATE FUNCTION incident_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incident_counts AS c (product_id, status, severity_id, visibility, slot, n)
    SELECT 0, status, severity_id, visibility, (id % 8)::smallint, count(*)
    FROM new_rows GROUP BY 2, 3, 4, 5 ORDER BY 2, 3, 4, 5
    ON CONFLICT (product_id, status, severity_id, visibility, slot) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;
CREATE TRIGGER incident_counts_inserted AFTER INSERT ON incidents
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_inserted();

-- An incident moving between counters: status, severity or visibility
-- changed (the WHEN clause makes every other update free), or it is
-- deleted (before its product links go, so those are still there to read).
CREATE FUNCTION incident_counts_moved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incident_counts AS c (product_id, status, severity_id, visibility, slot, n)
    SELECT product_id, status, severity_id, visibility, (OLD.id % 8)::smallint, sum(d)
    FROM (
        SELECT 0::bigint AS product_id, OLD.status, OLD.severity_id, OLD.visibility, -1 AS d
        UNION ALL
        SELECT ip.product_id, OLD.status, OLD.severity_id, OLD.visibility, -1
        FROM incident_products ip WHERE ip.incident_id = OLD.id
        UNION ALL
        SELECT 0::bigint, NEW.status, NEW.severity_id, NEW.visibility, 1 WHERE TG_OP = 'UPDATE'
        UNION ALL
        SELECT ip.product_id, NEW.status, NEW.severity_id, NEW.visibility, 1
        FROM incident_products ip WHERE TG_OP = 'UPDATE' AND ip.incident_id = NEW.id
    ) AS delta (product_id, status, severity_id, visibility, d)
    GROUP BY 1, 2, 3, 4 HAVING sum(d) <> 0 ORDER BY 1, 2, 3, 4
    ON CONFLICT (product_id, status, severity_id, visibility, slot) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN OLD; -- lets a BEFORE DELETE proceed; ignored after an update
END
$$;
CREATE TRIGGER incident_counts_updated AFTER UPDATE OF status, severity_id, visibility ON incidents
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.severity_id IS DISTINCT FROM NEW.severity_id
                       OR OLD.visibility IS DISTINCT FROM NEW.visibility)
    EXECUTE FUNCTION incident_counts_moved();
CREATE TRIGGER incident_counts_deleted BEFORE DELETE ON incidents
    FOR EACH ROW EXECUTE FUNCTION incident_counts_moved();

-- Product links added or removed. Links removed together with their
-- incident find no incident here: incident_counts_deleted counted them.
CREATE FUNCTION incident_counts_linked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incident_counts AS c (product_id, status, severity_id, visibility, slot, n)
    SELECT product_id, status, severity_id, visibility, slot, sum(d)
    FROM (
        SELECT l.product_id, i.status, i.severity_id, i.visibility, (i.id % 8)::smallint AS slot, 1 AS d
        FROM new_rows l JOIN incidents i ON i.id = l.incident_id
    ) AS delta
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (product_id, status, severity_id, visibility, slot) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;
CREATE FUNCTION incident_counts_unlinked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO incident_counts AS c (product_id, status, severity_id, visibility, slot, n)
    SELECT product_id, status, severity_id, visibility, slot, sum(d)
    FROM (
        SELECT l.product_id, i.status, i.severity_id, i.visibility, (i.id % 8)::smallint AS slot, -1 AS d
        FROM old_rows l JOIN incidents i ON i.id = l.incident_id
    ) AS delta
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (product_id, status, severity_id, visibility, slot) DO UPDATE SET n = c.n + EXCLUDED.n;
    RETURN NULL;
END
$$;
CREATE TRIGGER incident_counts_linked AFTER INSERT ON incident_products
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_linked();
CREATE TRIGGER incident_counts_unlinked AFTER DELETE ON incident_products
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_unlinked();
-- A link rewritten in place is one removed and one added.
CREATE TRIGGER incident_counts_relinked_old AFTER UPDATE ON incident_products
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_unlinked();
CREATE TRIGGER incident_counts_relinked_new AFTER UPDATE ON incident_products
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_linked();
