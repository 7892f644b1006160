-- History (contract 6.1) and the change feed (6.2), captured in the database by statement-level
-- AFTER triggers with transition tables, so that no write path can forget them and a 35,040-row
-- batch costs one set-based INSERT per statement instead of 35,040 row-trigger calls.
-- A version of a row is valid [updated_at, valid_until): updated_at is what every write already sets
-- (one instant per statement), valid_until is the updated_at of the version that replaced it, or the
-- deleting transaction's now(). See docs/decisions.md, "History and the change feed".
-- A migration that adds a column to a captured table must add it to its _history table and its
-- _as_of function too (HistorySchemaTests checks the columns).

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

-- assets: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE assets_history (LIKE assets, valid_until timestamptz NOT NULL);
CREATE INDEX assets_history_key ON assets_history (id, valid_until);
CREATE INDEX assets_history_until ON assets_history USING brin (valid_until);

-- assets as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION assets_as_of(t timestamptz) RETURNS SETOF assets LANGUAGE sql STABLE AS $$
    SELECT id, code, name, type, region, delivery_area, lifecycle, provider, go_live_date, created_at, updated_at FROM assets WHERE updated_at <= t
    UNION ALL
    SELECT id, code, name, type, region, delivery_area, lifecycle, provider, go_live_date, created_at, updated_at FROM assets_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION assets_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'assets', 'created', id, NULL, NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO assets_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'assets', 'updated', id, NULL, NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO assets_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'assets', 'deleted', id, NULL, NULL::timestamptz, NULL::timestamptz, 1
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER assets_capture_insert AFTER INSERT ON assets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assets_capture();
CREATE TRIGGER assets_capture_update AFTER UPDATE ON assets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION assets_capture();
CREATE TRIGGER assets_capture_delete AFTER DELETE ON assets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION assets_capture();

-- specs: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE specs_history (LIKE specs, valid_until timestamptz NOT NULL);
CREATE INDEX specs_history_key ON specs_history (asset_id, valid_from, valid_until);
CREATE INDEX specs_history_until ON specs_history USING brin (valid_until);

-- specs as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION specs_as_of(t timestamptz) RETURNS SETOF specs LANGUAGE sql STABLE AS $$
    SELECT asset_id, valid_from, valid_to, rated_power, grid_connection_max_power, max_capacity, ramp_rate, ramp_type, charge_efficiency, discharge_efficiency, daily_cycle_energy_limit, prequalified_fcr, prequalified_afrr_charge, prequalified_afrr_discharge, created_at, updated_at FROM specs WHERE updated_at <= t
    UNION ALL
    SELECT asset_id, valid_from, valid_to, rated_power, grid_connection_max_power, max_capacity, ramp_rate, ramp_type, charge_efficiency, discharge_efficiency, daily_cycle_energy_limit, prequalified_fcr, prequalified_afrr_charge, prequalified_afrr_discharge, created_at, updated_at FROM specs_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION specs_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'specs', 'created', asset_id, NULL, NULL::timestamptz, NULL::timestamptz, count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO specs_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'specs', 'updated', asset_id, NULL, NULL::timestamptz, NULL::timestamptz, count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO specs_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'specs', 'deleted', asset_id, NULL, NULL::timestamptz, NULL::timestamptz, count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER specs_capture_insert AFTER INSERT ON specs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION specs_capture();
CREATE TRIGGER specs_capture_update AFTER UPDATE ON specs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION specs_capture();
CREATE TRIGGER specs_capture_delete AFTER DELETE ON specs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION specs_capture();

-- asset_limits: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE asset_limits_history (LIKE asset_limits, valid_until timestamptz NOT NULL);
CREATE INDEX asset_limits_history_key ON asset_limits_history (asset_id, start_time, valid_until);
CREATE INDEX asset_limits_history_until ON asset_limits_history USING brin (valid_until);

-- asset_limits as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION asset_limits_as_of(t timestamptz) RETURNS SETOF asset_limits LANGUAGE sql STABLE AS $$
    SELECT asset_id, start_time, source, end_time, delivery_day, power_charge, power_discharge, energy_low, energy_high, trading_locked, created_at, updated_at FROM asset_limits WHERE updated_at <= t
    UNION ALL
    SELECT asset_id, start_time, source, end_time, delivery_day, power_charge, power_discharge, energy_low, energy_high, trading_locked, created_at, updated_at FROM asset_limits_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION asset_limits_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'limits', 'updated', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO asset_limits_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'limits', CASE WHEN (SELECT bool_or(power_charge IS NOT NULL OR power_discharge IS NOT NULL OR energy_low IS NOT NULL OR energy_high IS NOT NULL) FROM old_rows) AND bool_and(power_charge IS NULL AND power_discharge IS NULL AND energy_low IS NULL AND energy_high IS NULL) THEN 'deleted' ELSE 'updated' END, asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO asset_limits_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'limits', 'deleted', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER asset_limits_capture_insert AFTER INSERT ON asset_limits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_limits_capture();
CREATE TRIGGER asset_limits_capture_update AFTER UPDATE ON asset_limits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_limits_capture();
CREATE TRIGGER asset_limits_capture_delete AFTER DELETE ON asset_limits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_limits_capture();

-- forecasts: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE forecasts_history (LIKE forecasts, valid_until timestamptz NOT NULL);
CREATE INDEX forecasts_history_key ON forecasts_history (asset_id, start_time, valid_until);
CREATE INDEX forecasts_history_until ON forecasts_history USING brin (valid_until);

-- forecasts as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION forecasts_as_of(t timestamptz) RETURNS SETOF forecasts LANGUAGE sql STABLE AS $$
    SELECT asset_id, start_time, end_time, delivery_day, generation, consumption, created_at, updated_at FROM forecasts WHERE updated_at <= t
    UNION ALL
    SELECT asset_id, start_time, end_time, delivery_day, generation, consumption, created_at, updated_at FROM forecasts_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION forecasts_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'forecasts', 'updated', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO forecasts_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'forecasts', 'updated', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO forecasts_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'forecasts', 'deleted', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER forecasts_capture_insert AFTER INSERT ON forecasts REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forecasts_capture();
CREATE TRIGGER forecasts_capture_update AFTER UPDATE ON forecasts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION forecasts_capture();
CREATE TRIGGER forecasts_capture_delete AFTER DELETE ON forecasts REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION forecasts_capture();

-- reservations: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE reservations_history (LIKE reservations, valid_until timestamptz NOT NULL);
CREATE INDEX reservations_history_key ON reservations_history (asset_id, start_time, valid_until);
CREATE INDEX reservations_history_until ON reservations_history USING brin (valid_until);

-- reservations as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION reservations_as_of(t timestamptz) RETURNS SETOF reservations LANGUAGE sql STABLE AS $$
    SELECT asset_id, start_time, market, source, end_time, delivery_day, power, energy_change, energy_buffer_low, energy_buffer_high, created_at, updated_at FROM reservations WHERE updated_at <= t
    UNION ALL
    SELECT asset_id, start_time, market, source, end_time, delivery_day, power, energy_change, energy_buffer_low, energy_buffer_high, created_at, updated_at FROM reservations_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION reservations_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'reservations', 'updated', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO reservations_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'reservations', 'updated', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO reservations_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'reservations', 'deleted', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER reservations_capture_insert AFTER INSERT ON reservations REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reservations_capture();
CREATE TRIGGER reservations_capture_update AFTER UPDATE ON reservations REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION reservations_capture();
CREATE TRIGGER reservations_capture_delete AFTER DELETE ON reservations REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION reservations_capture();

-- sites: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE sites_history (LIKE sites, valid_until timestamptz NOT NULL);
CREATE INDEX sites_history_key ON sites_history (id, valid_until);
CREATE INDEX sites_history_until ON sites_history USING brin (valid_until);

-- sites as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION sites_as_of(t timestamptz) RETURNS SETOF sites LANGUAGE sql STABLE AS $$
    SELECT id, code, name, region, delivery_area, dispatch_mode, floor_price, strike_price, price_currency, created_at, updated_at FROM sites WHERE updated_at <= t
    UNION ALL
    SELECT id, code, name, region, delivery_area, dispatch_mode, floor_price, strike_price, price_currency, created_at, updated_at FROM sites_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION sites_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'sites', 'created', NULL, id, NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO sites_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'sites', 'updated', NULL, id, NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO sites_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'sites', 'deleted', NULL, id, NULL::timestamptz, NULL::timestamptz, 1
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER sites_capture_insert AFTER INSERT ON sites REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sites_capture();
CREATE TRIGGER sites_capture_update AFTER UPDATE ON sites REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sites_capture();
CREATE TRIGGER sites_capture_delete AFTER DELETE ON sites REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION sites_capture();

-- inverters: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE inverters_history (LIKE inverters, valid_until timestamptz NOT NULL);
CREATE INDEX inverters_history_key ON inverters_history (site_id, id, valid_until);
CREATE INDEX inverters_history_until ON inverters_history USING brin (valid_until);

-- inverters as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION inverters_as_of(t timestamptz) RETURNS SETOF inverters LANGUAGE sql STABLE AS $$
    SELECT id, site_id, rated_power, charge_efficiency, discharge_efficiency, created_at, updated_at FROM inverters WHERE updated_at <= t
    UNION ALL
    SELECT id, site_id, rated_power, charge_efficiency, discharge_efficiency, created_at, updated_at FROM inverters_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION inverters_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'inverters', 'created', NULL, site_id, NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO inverters_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'inverters', 'updated', NULL, site_id, NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO inverters_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'inverters', 'deleted', NULL, site_id, NULL::timestamptz, NULL::timestamptz, 1
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER inverters_capture_insert AFTER INSERT ON inverters REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inverters_capture();
CREATE TRIGGER inverters_capture_update AFTER UPDATE ON inverters REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inverters_capture();
CREATE TRIGGER inverters_capture_delete AFTER DELETE ON inverters REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION inverters_capture();

-- inverter_assets: every superseded or removed version, valid [linked_at, valid_until).
CREATE TABLE inverter_assets_history (LIKE inverter_assets, valid_until timestamptz NOT NULL);
CREATE INDEX inverter_assets_history_key ON inverter_assets_history (inverter_id, valid_until);
CREATE INDEX inverter_assets_history_until ON inverter_assets_history USING brin (valid_until);

-- inverter_assets as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION inverter_assets_as_of(t timestamptz) RETURNS SETOF inverter_assets LANGUAGE sql STABLE AS $$
    SELECT inverter_id, asset_id, linked_at FROM inverter_assets WHERE linked_at <= t
    UNION ALL
    SELECT inverter_id, asset_id, linked_at FROM inverter_assets_history WHERE linked_at <= t AND valid_until > t
$$;

CREATE FUNCTION inverter_assets_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(linked_at), change_author(), 'inverters', 'updated', NULL, regexp_replace(inverter_id, '_INV_[0-9]+$', ''), NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(linked_at), change_author(), 'inverters', 'updated', NULL, regexp_replace(inverter_id, '_INV_[0-9]+$', ''), NULL::timestamptz, NULL::timestamptz, 1
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO inverter_assets_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'inverters', 'deleted', NULL, regexp_replace(inverter_id, '_INV_[0-9]+$', ''), NULL::timestamptz, NULL::timestamptz, 1
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN true THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER inverter_assets_capture_insert AFTER INSERT ON inverter_assets REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inverter_assets_capture();
CREATE TRIGGER inverter_assets_capture_update AFTER UPDATE ON inverter_assets REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inverter_assets_capture();
CREATE TRIGGER inverter_assets_capture_delete AFTER DELETE ON inverter_assets REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION inverter_assets_capture();

-- site_limits: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE site_limits_history (LIKE site_limits, valid_until timestamptz NOT NULL);
CREATE INDEX site_limits_history_key ON site_limits_history (site_id, start_time, valid_until);
CREATE INDEX site_limits_history_until ON site_limits_history USING brin (valid_until);

-- site_limits as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION site_limits_as_of(t timestamptz) RETURNS SETOF site_limits LANGUAGE sql STABLE AS $$
    SELECT site_id, start_time, delivery_day, import_power, export_power, created_at, updated_at FROM site_limits WHERE updated_at <= t
    UNION ALL
    SELECT site_id, start_time, delivery_day, import_power, export_power, created_at, updated_at FROM site_limits_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION site_limits_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'site_limits', 'updated', NULL, site_id, min(start_time), max(start_time + interval '15 minutes'), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO site_limits_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'site_limits', 'updated', NULL, site_id, min(start_time), max(start_time + interval '15 minutes'), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO site_limits_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'site_limits', 'deleted', NULL, site_id, min(start_time), max(start_time + interval '15 minutes'), count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER site_limits_capture_insert AFTER INSERT ON site_limits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION site_limits_capture();
CREATE TRIGGER site_limits_capture_update AFTER UPDATE ON site_limits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION site_limits_capture();
CREATE TRIGGER site_limits_capture_delete AFTER DELETE ON site_limits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION site_limits_capture();

-- inverter_limits: every superseded or removed version, valid [updated_at, valid_until).
CREATE TABLE inverter_limits_history (LIKE inverter_limits, valid_until timestamptz NOT NULL);
CREATE INDEX inverter_limits_history_key ON inverter_limits_history (inverter_id, start_time, valid_until);
CREATE INDEX inverter_limits_history_until ON inverter_limits_history USING brin (valid_until);

-- inverter_limits as it was at t: the then-current versions. An inlinable SQL function, so that the filters of
-- the query around it are pushed into both branches and served by their indexes.
CREATE FUNCTION inverter_limits_as_of(t timestamptz) RETURNS SETOF inverter_limits LANGUAGE sql STABLE AS $$
    SELECT inverter_id, start_time, delivery_day, power_charge, power_discharge, created_at, updated_at FROM inverter_limits WHERE updated_at <= t
    UNION ALL
    SELECT inverter_id, start_time, delivery_day, power_charge, power_discharge, created_at, updated_at FROM inverter_limits_history WHERE updated_at <= t AND valid_until > t
$$;

CREATE FUNCTION inverter_limits_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'inverter_limits', 'updated', NULL, regexp_replace(inverter_id, '_INV_[0-9]+$', ''), min(start_time), max(start_time + interval '15 minutes'), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO inverter_limits_history SELECT o.*, (SELECT max(updated_at) FROM new_rows) FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'inverter_limits', 'updated', NULL, regexp_replace(inverter_id, '_INV_[0-9]+$', ''), min(start_time), max(start_time + interval '15 minutes'), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO inverter_limits_history SELECT o.*, now() FROM old_rows o;
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'inverter_limits', 'deleted', NULL, regexp_replace(inverter_id, '_INV_[0-9]+$', ''), min(start_time), max(start_time + interval '15 minutes'), count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER inverter_limits_capture_insert AFTER INSERT ON inverter_limits REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inverter_limits_capture();
CREATE TRIGGER inverter_limits_capture_update AFTER UPDATE ON inverter_limits REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inverter_limits_capture();
CREATE TRIGGER inverter_limits_capture_delete AFTER DELETE ON inverter_limits REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION inverter_limits_capture();

CREATE FUNCTION asset_status_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'status', 'updated', asset_id, NULL, min(effective_at), max(effective_at), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        -- A newer message with the same status and reasons only advances sequence_number: no change.
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'status', 'updated', asset_id, NULL, min(effective_at), max(effective_at), count(*)::int
        FROM new_rows n JOIN old_rows o USING (asset_id, effective_at)
        WHERE (n.status, n.reasons) IS DISTINCT FROM (o.status, o.reasons)
        GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'status', 'deleted', asset_id, NULL, min(effective_at), max(effective_at), count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER asset_status_capture_insert AFTER INSERT ON asset_status REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_status_capture();
CREATE TRIGGER asset_status_capture_update AFTER UPDATE ON asset_status REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_status_capture();
CREATE TRIGGER asset_status_capture_delete AFTER DELETE ON asset_status REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION asset_status_capture();

CREATE FUNCTION state_snapshots_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'state_snapshots', 'updated', asset_id, NULL, min(effective_at), max(effective_at), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSIF TG_OP = 'UPDATE' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(updated_at), change_author(), 'state_snapshots', 'updated', asset_id, NULL, min(effective_at), max(effective_at), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    ELSE
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, now(), change_author(), 'state_snapshots', 'deleted', asset_id, NULL, min(effective_at), max(effective_at), count(*)::int
        FROM old_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER state_snapshots_capture_insert AFTER INSERT ON state_snapshots REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION state_snapshots_capture();
CREATE TRIGGER state_snapshots_capture_update AFTER UPDATE ON state_snapshots REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION state_snapshots_capture();
CREATE TRIGGER state_snapshots_capture_delete AFTER DELETE ON state_snapshots REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION state_snapshots_capture();

CREATE FUNCTION dispatches_capture() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO changes AS c (xid, changed_at, changed_by, entity, operation, asset_id, site_id, from_time, to_time, rows)
        SELECT pg_current_xact_id()::text::bigint, max(received_at), change_author(), 'dispatches', 'updated', asset_id, NULL, min(start_time), max(end_time), count(*)::int
        FROM new_rows GROUP BY 6, 7
        ON CONFLICT (xid, entity, asset_id, site_id) DO UPDATE SET
            operation = change_operation(c.operation, EXCLUDED.operation),
            changed_at = greatest(c.changed_at, EXCLUDED.changed_at),
            from_time = least(c.from_time, EXCLUDED.from_time),
            to_time = greatest(c.to_time, EXCLUDED.to_time),
            rows = CASE WHEN false THEN 1 ELSE c.rows + EXCLUDED.rows END;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER dispatches_capture_insert AFTER INSERT ON dispatches REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION dispatches_capture();
