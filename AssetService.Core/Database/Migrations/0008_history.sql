-- History (contract 6.1) and the change feed (6.2), captured in the database by statement-level
-- AFTER triggers with transition tables, so that no write path can forget them and a 35,040-row
-- batch costs one set-based INSERT per statement instead of 35,040 row-trigger calls.
-- A version of a row is valid [updated_at, valid_until): updated_at is what every write already sets
-- (one instant per statement), valid_until is the updated_at of the version that replaced it, or the
-- deleting transaction's now(). See docs/decisions.md, "History and the change feed".
-- The history tables, as_of functions and capture triggers are generated from the table list at the
-- end of this file, with the column lists of then. A migration that adds a column to a captured table
-- must add it to its _history table (HistoryRetentionTests checks the columns) and recreate its _as_of
-- function and, for a period table, its _capture function, which name the columns.

-- When an asset was linked to an inverter, so that GET /sites/{id} as_of knows the links of then.
ALTER TABLE inverter_assets ADD COLUMN linked_at timestamptz NOT NULL DEFAULT now();

-- One row per (transaction, entity, asset or site). xid is the writing transaction's id: the feed
-- only returns rows whose xid is below the reader's snapshot xmin, i.e. of transactions that have
-- all ended, so nothing can later appear behind a cursor (xid, id).
CREATE TABLE changes (
    id         bigint GENERATED ALWAYS AS IDENTITY,
    xid        bigint NOT NULL,
    changed_at timestamptz NOT NULL,
    changed_by text NOT NULL,
    entity     text NOT NULL,
    operation  text NOT NULL CHECK (operation IN ('created', 'updated', 'deleted')),
    asset_id   text COLLATE "C",
    site_id    text COLLATE "C",
    from_time  timestamptz,
    to_time    timestamptz,
    rows       integer NOT NULL,
    PRIMARY KEY (xid, id),
    -- The statements of one write (a spec close and insert, a limits clear's delete and update)
    -- merge into one change per entity and asset or site.
    CONSTRAINT changes_one_per_write UNIQUE NULLS NOT DISTINCT (xid, entity, asset_id, site_id)
);
CREATE INDEX changes_changed_at ON changes USING brin (changed_at);

-- Who wrote: set per transaction with set_config('asset_service.changed_by', ..., true).
CREATE FUNCTION change_author() RETURNS text LANGUAGE sql STABLE AS $$
    SELECT COALESCE(NULLIF(current_setting('asset_service.changed_by', true), ''), 'function-key')
$$;

-- Two statements of one write: a creation stays a creation, a removal stays a removal.
CREATE FUNCTION change_operation(a text, b text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN 'created' IN (a, b) THEN 'created' WHEN 'deleted' IN (a, b) THEN 'deleted' ELSE 'updated' END
$$;

-- Three layouts of history:
--  versions: one history row per superseded or removed row (master data, specs, links), as the table.
--  slots:    the period tables, where one write supersedes up to 35,040 rows per asset: one history row
--            per (statement, owner, UTC day, superseded updated_at) with the slot columns as arrays in
--            the table's column order, plus that day. A year's PATCH writes ~365 rows instead of 35,040,
--            and the ~100 versions of a day are ~100 rows instead of ~10,000. Kept inline
--            (toast_tuple_target): a day of 96 slots is 4-7 kB, neither compressed nor moved out of line.
--  feed:     no history (status, state snapshots, dispatches), only changes.
-- The slots' _as_of(t, lo, hi) takes the period read, so that its history branch reaches only the
-- days of [lo, hi) by the index (owner, day, valid_until, updated_at), and unnests only the rows
-- valid at t.
DO $generate$
DECLARE
    t record;
    on_conflict constant text := $sql$
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = %s;$sql$;
    -- One change per (write, entity, asset or site) from the rows of %s; arguments: changed_at,
    -- operation, asset, site, from, to, rows, source.
    change constant text := $sql$
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, %s, change_author(), %L, %s, %s, %s, %s, %s, %s
        FROM %s GROUP BY 6, 7$sql$;
    merge text;          -- the ON CONFLICT of this table's changes
    stamped text;        -- changed_at of an insert or update
    columns text;        -- the table's columns in order
    history_columns text;
    aggregated text;     -- slots: the table's columns, the keys and updated_at as they are, the others aggregated
    unnested text;       -- slots: the history row's columns as one slot again
    slot_columns text;   -- slots: the aggregated columns
    insert_body text;
    update_body text;
    delete_body text;
    slot_body text;
    settings text;
BEGIN
FOR t IN SELECT * FROM (VALUES
    -- table, entity, asset, site, layout, keys (versions: index; slots: owner first, grouped), insert
    -- operation, rows, span from, span to, the version's stamp column (NULL: now()), triggers
    ('assets', 'assets', 'id', NULL, 'versions', 'id', 'created', '1', NULL, NULL, 'updated_at', 'INSERT UPDATE DELETE'),
    ('specs', 'specs', 'asset_id', NULL, 'versions', 'asset_id, valid_from', 'created', 'count(*)::int', NULL, NULL, 'updated_at', 'INSERT UPDATE DELETE'),
    ('sites', 'sites', NULL, 'id', 'versions', 'id', 'created', '1', NULL, NULL, 'updated_at', 'INSERT UPDATE DELETE'),
    ('inverters', 'inverters', NULL, 'site_id', 'versions', 'site_id, id', 'created', '1', NULL, NULL, 'updated_at', 'INSERT UPDATE DELETE'),
    -- A link is reported as an inverters change of the site; it has no updated_at, its version starts at linked_at.
    ('inverter_assets', 'inverters', NULL, $$regexp_replace(inverter_id, '_INV_[0-9]+$', '')$$, 'versions', 'inverter_id', 'updated', '1', NULL, NULL, 'linked_at', 'INSERT UPDATE DELETE'),
    ('asset_limits', 'limits', 'asset_id', NULL, 'slots', 'asset_id, source', 'updated', 'count(*)::int', 'min(start_time)', 'max(end_time)', 'updated_at', 'INSERT UPDATE DELETE'),
    ('forecasts', 'forecasts', 'asset_id', NULL, 'slots', 'asset_id', 'updated', 'count(*)::int', 'min(start_time)', 'max(end_time)', 'updated_at', 'INSERT UPDATE DELETE'),
    ('reservations', 'reservations', 'asset_id', NULL, 'slots', 'asset_id, market, source', 'updated', 'count(*)::int', 'min(start_time)', 'max(end_time)', 'updated_at', 'INSERT UPDATE DELETE'),
    ('site_limits', 'site_limits', NULL, 'site_id', 'slots', 'site_id', 'updated', 'count(*)::int', 'min(start_time)', $$max(start_time + interval '15 minutes')$$, 'updated_at', 'INSERT UPDATE DELETE'),
    ('inverter_limits', 'inverter_limits', NULL, $$regexp_replace(inverter_id, '_INV_[0-9]+$', '')$$, 'slots', 'inverter_id', 'updated', 'count(*)::int', 'min(start_time)', $$max(start_time + interval '15 minutes')$$, 'updated_at', 'INSERT UPDATE DELETE'),
    -- Status rows carry no write time: an ingested message's change is stamped when it is committed.
    ('asset_status', 'status', 'asset_id', NULL, 'feed', NULL, 'updated', 'count(*)::int', 'min(effective_at)', 'max(effective_at)', NULL, 'INSERT UPDATE DELETE'),
    ('state_snapshots', 'state_snapshots', 'asset_id', NULL, 'feed', NULL, 'updated', 'count(*)::int', 'min(effective_at)', 'max(effective_at)', 'updated_at', 'INSERT UPDATE DELETE'),
    -- Dispatches are only ever inserted (an asset DELETE removes them without a dispatches change).
    ('dispatches', 'dispatches', 'asset_id', NULL, 'feed', NULL, 'updated', 'count(*)::int', 'min(start_time)', 'max(end_time)', 'received_at', 'INSERT'))
    AS v(tbl, entity, asset_of, site_of, layout, keys, inserted, counted, span_from, span_to, stamp, events)
LOOP
    merge := format(on_conflict, CASE WHEN t.counted = '1' THEN '1' ELSE 'c.rows + EXCLUDED.rows' END);
    stamped := CASE WHEN t.stamp IS NULL THEN 'now()' ELSE format('max(%I)', t.stamp) END;
    t.asset_of := COALESCE(t.asset_of, 'NULL');
    t.site_of := COALESCE(t.site_of, 'NULL');
    t.span_from := COALESCE(t.span_from, 'NULL::timestamptz');
    t.span_to := COALESCE(t.span_to, 'NULL::timestamptz');
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute WHERE attrelid = t.tbl::regclass AND attnum > 0 AND NOT attisdropped;

    insert_body := format(change, stamped, t.entity, quote_literal(t.inserted), t.asset_of, t.site_of, t.span_from, t.span_to, t.counted, 'new_rows') || merge;
    update_body := format(change, stamped, t.entity, quote_literal('updated'), t.asset_of, t.site_of, t.span_from, t.span_to, t.counted, 'new_rows') || merge;
    -- Removing a link changes the inverter (an inverter PATCH replaces its links; a removed inverter
    -- or site is 'deleted' by its own row).
    delete_body := format(change, 'now()', t.entity, quote_literal(CASE WHEN t.tbl = 'inverter_assets' THEN 'updated' ELSE 'deleted' END),
        t.asset_of, t.site_of, t.span_from, t.span_to, t.counted, 'old_rows') || merge;
    settings := '';

    IF t.layout = 'versions' THEN
        EXECUTE format('CREATE TABLE %I (LIKE %I, valid_until timestamptz NOT NULL)', t.tbl || '_history', t.tbl);
        EXECUTE format('CREATE INDEX %I ON %I (%s, valid_until)', t.tbl || '_history_key', t.tbl || '_history', t.keys);
        EXECUTE format('CREATE INDEX %I ON %I USING brin (valid_until)', t.tbl || '_history_until', t.tbl || '_history');
        -- The then-current versions; an inlinable SQL function, so that the filters of the query around
        -- it are pushed into both branches and served by their indexes.
        EXECUTE format($sql$CREATE FUNCTION %I(t timestamptz) RETURNS SETOF %I LANGUAGE sql STABLE AS $f$
            SELECT %s FROM %I WHERE %I <= t
            UNION ALL
            SELECT %s FROM %I WHERE %I <= t AND valid_until > t
            $f$$sql$, t.tbl || '_as_of', t.tbl, columns, t.tbl, t.stamp, columns, t.tbl || '_history', t.stamp);
        update_body := format('v := (SELECT max(%I) FROM new_rows); INSERT INTO %I SELECT o.*, v FROM old_rows o;', t.stamp, t.tbl || '_history') || update_body;
        delete_body := format('INSERT INTO %I SELECT o.*, now() FROM old_rows o;', t.tbl || '_history') || delete_body;

    ELSIF t.layout = 'slots' THEN
        SELECT string_agg(format('%I %s%s%s%s', attname, format_type(atttypid, atttypmod), CASE WHEN slot THEN '[]' END,
                   CASE WHEN collname IS NOT NULL THEN ' COLLATE ' || quote_ident(collname) END, CASE WHEN attnotnull THEN ' NOT NULL' END), ', ' ORDER BY attnum),
               string_agg(CASE WHEN slot THEN format('array_agg(%I) AS %I', attname, attname) ELSE quote_ident(attname) END, ', ' ORDER BY attnum),
               string_agg(format('%s.%I', CASE WHEN slot THEN 'u' ELSE 'h' END, attname), ', ' ORDER BY attnum),
               string_agg(quote_ident(attname), ', ' ORDER BY attnum) FILTER (WHERE slot)
        INTO history_columns, aggregated, unnested, slot_columns
        FROM (SELECT a.*, co.collname, NOT (attname = ANY (string_to_array(t.keys, ', ') || 'updated_at'::name)) AS slot
              FROM pg_attribute a LEFT JOIN pg_collation co ON co.oid = a.attcollation AND co.collname <> 'default'
              WHERE attrelid = t.tbl::regclass AND attnum > 0 AND NOT attisdropped) c;
        EXECUTE format('CREATE TABLE %I (%s, day timestamptz NOT NULL, valid_until timestamptz NOT NULL) WITH (toast_tuple_target = 8160)',
            t.tbl || '_history', history_columns);
        EXECUTE format('CREATE INDEX %I ON %I (%I, day, valid_until, updated_at)', t.tbl || '_history_key', t.tbl || '_history', split_part(t.keys, ', ', 1));
        EXECUTE format('CREATE INDEX %I ON %I USING brin (valid_until)', t.tbl || '_history_until', t.tbl || '_history');
        -- The slots of [lo, hi) as they were at t (a history row holds the slots of [day, day + 1 day)).
        EXECUTE format($sql$CREATE FUNCTION %I(t timestamptz, lo timestamptz, hi timestamptz) RETURNS SETOF %I LANGUAGE sql STABLE AS $f$
            SELECT %s FROM %I WHERE updated_at <= t AND start_time >= lo AND start_time < hi
            UNION ALL
            SELECT %s FROM %I h CROSS JOIN LATERAL unnest(%s) AS u(%s)
            WHERE h.updated_at <= t AND h.valid_until > t AND h.day > lo - interval '1 day' AND h.day < hi
              AND u.start_time >= lo AND u.start_time < hi
            $f$$sql$, t.tbl || '_as_of', t.tbl, columns, t.tbl, unnested, t.tbl || '_history',
            (SELECT string_agg('h.' || c, ', ') FROM unnest(string_to_array(slot_columns, ', ')) c), slot_columns);
        -- One pass over the superseded rows: the history rows and, from them, the changes.
        slot_body := format($sql$
        WITH g AS (
            SELECT %s, date_bin('1 day', start_time, timestamptz '2000-01-01Z') AS day,
                %s AS lo, %s AS hi, count(*) AS n, %s AS had_values
            FROM old_rows GROUP BY %s, updated_at, day),
        h AS (INSERT INTO %I SELECT %s, day, v FROM g)$sql$, aggregated, t.span_from, t.span_to,
            CASE WHEN t.tbl = 'asset_limits' THEN 'bool_or(power_charge IS NOT NULL OR power_discharge IS NOT NULL OR energy_low IS NOT NULL OR energy_high IS NOT NULL)' ELSE 'false' END,
            t.keys, t.tbl || '_history', columns);
        -- A write stamps all its rows with one updated_at, so any new row gives the versions' end.
        update_body := 'v := (SELECT updated_at FROM new_rows LIMIT 1);' || slot_body || format(change, 'v', t.entity,
            -- limits: a clear leaves every written row without values where some had values (a PATCH
            -- only overwrites with non-nulls, so it cannot); that write is a removal.
            CASE WHEN t.tbl = 'asset_limits' THEN $sql$CASE WHEN bool_or(had_values) AND NOT EXISTS (SELECT FROM new_rows
                WHERE power_charge IS NOT NULL OR power_discharge IS NOT NULL OR energy_low IS NOT NULL OR energy_high IS NOT NULL)
                THEN 'deleted' ELSE 'updated' END$sql$ ELSE quote_literal('updated') END,
            t.asset_of, t.site_of, 'min(lo)', 'max(hi)', 'sum(n)::int', 'g') || merge;
        delete_body := 'v := now();' || slot_body || format(change, 'v', t.entity, quote_literal('deleted'),
            t.asset_of, t.site_of, 'min(lo)', 'max(hi)', 'sum(n)::int', 'g') || merge;
        -- A year of superseded slots (35,040 rows, ~8 MB of aggregate states) is grouped in memory by
        -- hashing: with the default work_mem it was sorted on disk, and a sort in memory took about
        -- twice the time of the hash (the planner prefers the sort from its estimate of array states).
        settings := $sql$SET work_mem = '64MB' SET enable_sort = off$sql$;

    ELSIF t.tbl = 'asset_status' THEN
        -- A newer message with the same status and reasons only advances sequence_number: no change.
        update_body := format(change, 'now()', t.entity, quote_literal('updated'), t.asset_of, t.site_of, t.span_from, t.span_to, t.counted,
            'new_rows n JOIN old_rows o USING (asset_id, effective_at) WHERE (n.status, n.reasons) IS DISTINCT FROM (o.status, o.reasons)') || merge;
    END IF;

    EXECUTE format($sql$CREATE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql %s AS $f$
        DECLARE v timestamptz;
        BEGIN
            IF TG_OP = 'INSERT' THEN %s
            ELSIF TG_OP = 'UPDATE' THEN %s
            ELSE %s
            END IF;
            RETURN NULL;
        END $f$$sql$, t.tbl || '_capture', settings, insert_body, update_body, delete_body);
    IF 'INSERT' = ANY (string_to_array(t.events, ' ')) THEN
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
            t.tbl || '_capture_insert', t.tbl, t.tbl || '_capture');
    END IF;
    IF 'UPDATE' = ANY (string_to_array(t.events, ' ')) THEN
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
            t.tbl || '_capture_update', t.tbl, t.tbl || '_capture');
    END IF;
    IF 'DELETE' = ANY (string_to_array(t.events, ' ')) THEN
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION %I()',
            t.tbl || '_capture_delete', t.tbl, t.tbl || '_capture');
    END IF;
END LOOP;
END $generate$;
