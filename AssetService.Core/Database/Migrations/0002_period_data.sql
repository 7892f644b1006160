-- Period data of an asset: limits, forecasts and reservations, one row per 15-minute slot, and the
-- state snapshots. Power is MW (positive = discharging), energy MWh, stored as exact numeric.
-- delivery_day is derived by the service from start_time and the asset's region and stored with the row.
-- Every GET reads "asset_id = ANY(...) AND start_time/effective_at in [from, to)": the primary keys,
-- which begin with (asset_id, time), serve all of them; no other index is needed.

CREATE TABLE asset_limits (
    asset_id        text COLLATE "C" NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    start_time      timestamptz NOT NULL,
    source          text COLLATE "C" NOT NULL CHECK (source IN ('REPORTED', 'OPERATIONS', 'CUSTOMER', 'PV', 'AVAILABILITY')),
    end_time        timestamptz NOT NULL,
    delivery_day    date NOT NULL,
    power_charge    numeric CHECK (power_charge <= 0),
    power_discharge numeric CHECK (power_discharge >= 0),
    energy_low      numeric CHECK (energy_low >= 0),
    energy_high     numeric CHECK (energy_high >= 0),
    -- null: this source says nothing about the lock; false: it explicitly releases it.
    trading_locked  boolean,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (asset_id, start_time, source),
    CONSTRAINT asset_limits_slot CHECK (end_time = start_time + interval '15 minutes' AND extract(epoch FROM start_time) % 900 = 0)
);

CREATE TABLE forecasts (
    asset_id     text COLLATE "C" NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    start_time   timestamptz NOT NULL,
    end_time     timestamptz NOT NULL,
    delivery_day date NOT NULL,
    generation   numeric NOT NULL CHECK (generation >= 0),
    consumption  numeric NOT NULL CHECK (consumption >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (asset_id, start_time),
    CONSTRAINT forecasts_slot CHECK (end_time = start_time + interval '15 minutes' AND extract(epoch FROM start_time) % 900 = 0)
);

CREATE TABLE reservations (
    asset_id           text COLLATE "C" NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    start_time         timestamptz NOT NULL,
    market             text COLLATE "C" NOT NULL CHECK (market ~ '^[A-Z0-9_]{1,64}$'),
    source             text COLLATE "C" NOT NULL CHECK (source IN ('OPTIMISATION', 'EXTERNAL', 'DAA_SWAP')),
    end_time           timestamptz NOT NULL,
    delivery_day       date NOT NULL,
    power              numeric NOT NULL,
    energy_change      numeric NOT NULL,
    energy_buffer_low  numeric NOT NULL CHECK (energy_buffer_low >= 0),
    energy_buffer_high numeric NOT NULL CHECK (energy_buffer_high >= 0),
    created_at         timestamptz NOT NULL,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (asset_id, start_time, market, source),
    CONSTRAINT reservations_slot CHECK (end_time = start_time + interval '15 minutes' AND extract(epoch FROM start_time) % 900 = 0)
);

-- The primary key also serves latest mode: one backward index probe per asset.
CREATE TABLE state_snapshots (
    asset_id          text COLLATE "C" NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    effective_at      timestamptz NOT NULL,
    stored_energy     numeric NOT NULL CHECK (stored_energy >= 0),
    charged_energy    numeric CHECK (charged_energy >= 0),
    discharged_energy numeric CHECK (discharged_energy >= 0),
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    PRIMARY KEY (asset_id, effective_at)
);
