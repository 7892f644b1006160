-- Versions in commit order (issue 23, contract 6.1): every write takes its instant inside the
-- database after it holds the locks that order it, and every row, version and change of the write
-- carries that one instant. See docs/decisions.md, "History in commit order".
--  begin_write()   the first statement of every AuthoredWrite: the author, JIT off, transaction-level
--                  advisory locks on the assets and sites the write touches (sorted: no deadlock), and
--                  only then clock_timestamp() as the write's instant, kept in a transaction-local setting.
--  write_instant() that instant (now() outside an AuthoredWrite, e.g. a migration or an operator's psql).
--  capture         regenerated from 0008's table list: valid_until, changed_at and the deletes use the
--                  instant; a version may only be superseded by a write of a later or the same instant,
--                  else 40001 (AuthoredWrite retries the write), which also covers the writes whose owners
--                  are not known up front (an asset DELETE cascading its inverter links). SECURITY DEFINER,
--                  so that the app's role can keep the history tables and the feed append-only.

CREATE FUNCTION write_instant() RETURNS timestamptz LANGUAGE sql STABLE AS $$
    SELECT COALESCE(NULLIF(current_setting('asset_service.instant', true), '')::timestamptz, now())
$$;

CREATE FUNCTION begin_write(author text, asset_ids text[], site_ids text[]) RETURNS timestamptz LANGUAGE plpgsql AS $$
DECLARE
    k record;
    instant timestamptz;
BEGIN
    PERFORM set_config('asset_service.changed_by', author, true), set_config('jit', 'off', true);
    FOR k IN SELECT 1 AS class, hashtext(a) AS key FROM unnest(asset_ids) AS a
             UNION SELECT 2, hashtext(s) FROM unnest(site_ids) AS s
             ORDER BY 1, 2
    LOOP
        PERFORM pg_advisory_xact_lock(k.class, k.key);
    END LOOP;
    instant := clock_timestamp();
    -- ISO 8601 in UTC: read back the same whatever the session's DateStyle and TimeZone.
    PERFORM set_config('asset_service.instant', to_char(instant AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), true);
    RETURN instant;
END $$;

ALTER TABLE inverter_assets ALTER COLUMN linked_at SET DEFAULT write_instant();

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
    guard text;          -- UPDATE and DELETE: no superseded version may carry a later stamp than this write's instant
    columns text;        -- the table's columns in order
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
    -- operation, rows, span from, span to, the version's stamp column (NULL: none), triggers
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
    guard := CASE WHEN t.stamp IS NULL THEN '' ELSE format($sql$
        IF EXISTS (SELECT FROM old_rows WHERE %I > v) THEN
            RAISE EXCEPTION USING ERRCODE = 'serialization_failure', MESSAGE = %L;
        END IF;$sql$, t.stamp, format('A version of %s was written at a later instant than this write: retry the write', t.tbl)) END;
    t.asset_of := COALESCE(t.asset_of, 'NULL');
    t.site_of := COALESCE(t.site_of, 'NULL');
    t.span_from := COALESCE(t.span_from, 'NULL::timestamptz');
    t.span_to := COALESCE(t.span_to, 'NULL::timestamptz');
    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
    FROM pg_attribute WHERE attrelid = t.tbl::regclass AND attnum > 0 AND NOT attisdropped;

    insert_body := format(change, 'v', t.entity, quote_literal(t.inserted), t.asset_of, t.site_of, t.span_from, t.span_to, t.counted, 'new_rows') || merge;
    update_body := format(change, 'v', t.entity, quote_literal('updated'), t.asset_of, t.site_of, t.span_from, t.span_to, t.counted, 'new_rows') || merge;
    -- Removing a link changes the inverter (an inverter PATCH replaces its links; a removed inverter
    -- or site is 'deleted' by its own row).
    delete_body := format(change, 'v', t.entity, quote_literal(CASE WHEN t.tbl = 'inverter_assets' THEN 'updated' ELSE 'deleted' END),
        t.asset_of, t.site_of, t.span_from, t.span_to, t.counted, 'old_rows') || merge;
    settings := '';

    IF t.layout = 'versions' THEN
        update_body := format('INSERT INTO %I SELECT o.*, v FROM old_rows o;', t.tbl || '_history') || update_body;
        delete_body := format('INSERT INTO %I SELECT o.*, v FROM old_rows o;', t.tbl || '_history') || delete_body;

    ELSIF t.layout = 'slots' THEN
        SELECT string_agg(CASE WHEN slot THEN format('array_agg(%I) AS %I', attname, attname) ELSE quote_ident(attname) END, ', ' ORDER BY attnum),
               string_agg(format('%s.%I', CASE WHEN slot THEN 'u' ELSE 'h' END, attname), ', ' ORDER BY attnum),
               string_agg(quote_ident(attname), ', ' ORDER BY attnum) FILTER (WHERE slot)
        INTO aggregated, unnested, slot_columns
        FROM (SELECT a.*, NOT (attname = ANY (string_to_array(t.keys, ', ') || 'updated_at'::name)) AS slot
              FROM pg_attribute a
              WHERE attrelid = t.tbl::regclass AND attnum > 0 AND NOT attisdropped) c;
        -- One pass over the superseded rows: the history rows and, from them, the changes.
        slot_body := format($sql$
        WITH g AS (
            SELECT %s, date_bin('1 day', start_time, timestamptz '2000-01-01Z') AS day,
                %s AS lo, %s AS hi, count(*) AS n, %s AS had_values
            FROM old_rows GROUP BY %s, updated_at, day),
        h AS (INSERT INTO %I SELECT %s, day, v FROM g)$sql$, aggregated, t.span_from, t.span_to,
            CASE WHEN t.tbl = 'asset_limits' THEN 'bool_or(power_charge IS NOT NULL OR power_discharge IS NOT NULL OR energy_low IS NOT NULL OR energy_high IS NOT NULL)' ELSE 'false' END,
            t.keys, t.tbl || '_history', columns);
        update_body := slot_body || format(change, 'v', t.entity,
            -- limits: a clear leaves every written row without values where some had values (a PATCH
            -- only overwrites with non-nulls, so it cannot); that write is a removal.
            CASE WHEN t.tbl = 'asset_limits' THEN $sql$CASE WHEN bool_or(had_values) AND NOT EXISTS (SELECT FROM new_rows
                WHERE power_charge IS NOT NULL OR power_discharge IS NOT NULL OR energy_low IS NOT NULL OR energy_high IS NOT NULL)
                THEN 'deleted' ELSE 'updated' END$sql$ ELSE quote_literal('updated') END,
            t.asset_of, t.site_of, 'min(lo)', 'max(hi)', 'sum(n)::int', 'g') || merge;
        delete_body := slot_body || format(change, 'v', t.entity, quote_literal('deleted'),
            t.asset_of, t.site_of, 'min(lo)', 'max(hi)', 'sum(n)::int', 'g') || merge;
        -- A year of superseded slots (35,040 rows, ~8 MB of aggregate states) is grouped in memory by
        -- hashing: with the default work_mem it was sorted on disk, and a sort in memory took about
        -- twice the time of the hash (the planner prefers the sort from its estimate of array states).
        settings := $sql$SET work_mem = '64MB' SET enable_sort = off$sql$;

    ELSIF t.tbl = 'asset_status' THEN
        -- A newer message with the same status and reasons only advances sequence_number: no change.
        update_body := format(change, 'v', t.entity, quote_literal('updated'), t.asset_of, t.site_of, t.span_from, t.span_to, t.counted,
            'new_rows n JOIN old_rows o USING (asset_id, effective_at) WHERE (n.status, n.reasons) IS DISTINCT FROM (o.status, o.reasons)') || merge;
    END IF;

    EXECUTE format($sql$CREATE OR REPLACE FUNCTION %I() RETURNS trigger LANGUAGE plpgsql
        SECURITY DEFINER SET search_path FROM CURRENT %s AS $f$
        DECLARE v constant timestamptz := write_instant();
        BEGIN
            IF TG_OP = 'INSERT' THEN %s
            ELSIF TG_OP = 'UPDATE' THEN %s %s
            ELSE %s %s
            END IF;
            RETURN NULL;
        END $f$$sql$, t.tbl || '_capture', settings, insert_body, guard, update_body, guard, delete_body);
END LOOP;
END $generate$;


-- Append-only for the app: only the capture functions (owned by the migration role) write history
-- and changes; the retention purge removes what no allowed as_of can reach, through purge_history().
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON changes, assets_history, specs_history, sites_history, inverters_history,
    inverter_assets_history, asset_limits_history, forecasts_history, reservations_history, site_limits_history,
    inverter_limits_history FROM asset_service_app;

-- One bounded batch per table and call, so that each call is its own short transaction and never holds
-- the feed's horizon (the oldest running transaction) back for long; HistoryRetention calls it until
-- nothing is left. Nothing younger than a day is removed, whatever cutoff the caller passes.
CREATE FUNCTION purge_history(cutoff timestamptz, batch integer)
RETURNS TABLE (removed_rows bigint, removed_versions bigint, removed_changes bigint)
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    t record;
    n bigint;
    versions bigint;
BEGIN
    cutoff := least(cutoff, now() - interval '1 day');
    removed_rows := 0;
    removed_versions := 0;
    FOR t IN SELECT * FROM (VALUES ('assets_history', '1'), ('specs_history', '1'), ('sites_history', '1'),
        ('inverters_history', '1'), ('inverter_assets_history', '1'), ('asset_limits_history', 'cardinality(start_time)'),
        ('forecasts_history', 'cardinality(start_time)'), ('reservations_history', 'cardinality(start_time)'),
        ('site_limits_history', 'cardinality(start_time)'), ('inverter_limits_history', 'cardinality(start_time)')) AS v(tbl, counted)
    LOOP
        EXECUTE format($sql$
            WITH d AS (DELETE FROM %I WHERE ctid = ANY (ARRAY(SELECT ctid FROM %I WHERE valid_until < $1 LIMIT $2)) RETURNING %s AS n)
            SELECT count(*), COALESCE(sum(n), 0) FROM d$sql$, t.tbl, t.tbl, t.counted)
        INTO n, versions USING cutoff, batch;
        removed_rows := removed_rows + n;
        removed_versions := removed_versions + versions;
    END LOOP;
    WITH d AS (DELETE FROM changes WHERE ctid = ANY (ARRAY(SELECT ctid FROM changes WHERE changed_at < cutoff LIMIT batch)) RETURNING 1)
    SELECT count(*) INTO removed_changes FROM d;
    removed_rows := removed_rows + removed_changes;
    RETURN NEXT;
END $$;

-- Filtered polls (contract 6.2: asset_ids, entities, or both) read these in cursor order per asset,
-- entity, or asset and entity (ChangesService) instead of scanning every change after the cursor.
CREATE INDEX changes_by_asset ON changes (asset_id, xid, id) WHERE asset_id IS NOT NULL;
CREATE INDEX changes_by_asset_entity ON changes (asset_id, entity, xid, id) WHERE asset_id IS NOT NULL;
CREATE INDEX changes_by_entity ON changes (entity, xid, id);
