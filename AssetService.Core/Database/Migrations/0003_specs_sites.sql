-- Specs (versioned per asset), sites, inverters and their 15-minute limits.
-- Quantities are stored in their canonical unit: power in MW, energy in MWh, prices per MWh with a currency.

-- btree_gist lets a GiST index compare asset_id with = next to the range overlap, for the EXCLUDE below.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE specs (
    asset_id                    text COLLATE "C" NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    valid_from                  timestamptz NOT NULL,
    valid_to                    timestamptz,
    rated_power                 numeric CHECK (rated_power >= 0),
    grid_connection_max_power   numeric CHECK (grid_connection_max_power >= 0),
    max_capacity                numeric CHECK (max_capacity >= 0),
    ramp_rate                   numeric CHECK (ramp_rate > 0),
    ramp_type                   text CHECK (char_length(ramp_type) BETWEEN 1 AND 100),
    charge_efficiency           numeric CHECK (charge_efficiency > 0 AND charge_efficiency <= 1),
    discharge_efficiency        numeric CHECK (discharge_efficiency > 0 AND discharge_efficiency <= 1),
    daily_cycle_energy_limit    numeric CHECK (daily_cycle_energy_limit >= 0),
    prequalified_fcr            numeric CHECK (prequalified_fcr >= 0),
    prequalified_afrr_charge    numeric CHECK (prequalified_afrr_charge >= 0),
    prequalified_afrr_discharge numeric CHECK (prequalified_afrr_discharge >= 0),
    created_at                  timestamptz NOT NULL,
    updated_at                  timestamptz NOT NULL,
    PRIMARY KEY (asset_id, valid_from),
    CONSTRAINT specs_window_order CHECK (valid_to IS NULL OR valid_to > valid_from),
    -- [valid_from, valid_to) windows of one asset never overlap, whatever writes run concurrently;
    -- a null valid_to is an open end.
    CONSTRAINT specs_windows_do_not_overlap EXCLUDE USING gist (asset_id WITH =, tstzrange(valid_from, valid_to) WITH &&)
);

CREATE TABLE sites (
    id                  text COLLATE "C" PRIMARY KEY,
    code                text COLLATE "C" NOT NULL CHECK (code ~ '^[A-Z0-9]{1,20}$'),
    name                text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    region              text NOT NULL CHECK (region IN ('DE', 'PL')),
    delivery_area       text NOT NULL CHECK (delivery_area IN ('50HZ', 'AMPN', 'TNBW', 'TNNT', 'PSE')),
    dispatch_mode       text NOT NULL CHECK (dispatch_mode IN ('OPTIMISED', 'PRICE_BASED', 'MANUAL')),
    floor_price         numeric,
    strike_price        numeric,
    price_currency      text CHECK (price_currency IN ('EUR', 'PLN')),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    CONSTRAINT sites_region_area CHECK (
        (region = 'DE' AND delivery_area IN ('50HZ', 'AMPN', 'TNBW', 'TNNT')) OR
        (region = 'PL' AND delivery_area = 'PSE')),
    -- PRICE_BASED carries both prices in one currency with floor <= strike; the other modes carry none.
    CONSTRAINT sites_dispatch_mode_prices CHECK (
        (dispatch_mode = 'PRICE_BASED' AND floor_price IS NOT NULL AND strike_price IS NOT NULL
            AND price_currency IS NOT NULL AND floor_price <= strike_price) OR
        (dispatch_mode <> 'PRICE_BASED' AND floor_price IS NULL AND strike_price IS NULL AND price_currency IS NULL))
);

CREATE INDEX sites_region_area_idx ON sites (region, delivery_area, id);

CREATE TABLE inverters (
    id                   text COLLATE "C" PRIMARY KEY,
    site_id              text COLLATE "C" NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    rated_power          numeric NOT NULL CHECK (rated_power > 0),
    charge_efficiency    numeric NOT NULL CHECK (charge_efficiency > 0 AND charge_efficiency <= 1),
    discharge_efficiency numeric NOT NULL CHECK (discharge_efficiency > 0 AND discharge_efficiency <= 1),
    created_at           timestamptz NOT NULL,
    updated_at           timestamptz NOT NULL
);

CREATE INDEX inverters_site_idx ON inverters (site_id, id);

CREATE TABLE inverter_assets (
    inverter_id text COLLATE "C" NOT NULL REFERENCES inverters (id) ON DELETE CASCADE,
    asset_id    text COLLATE "C" NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    PRIMARY KEY (inverter_id, asset_id),
    -- An asset sits on at most one inverter, across all sites.
    CONSTRAINT inverter_assets_one_inverter_per_asset UNIQUE (asset_id)
);

-- Point-of-connection limits of a site per 15-minute slot; end_time is always start_time + 15 min.
CREATE TABLE site_limits (
    site_id      text COLLATE "C" NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
    start_time   timestamptz NOT NULL CHECK (date_bin('15 minutes', start_time, timestamptz '2000-01-01 00:00:00+00') = start_time),
    delivery_day date NOT NULL,
    import_power numeric CHECK (import_power >= 0),
    export_power numeric CHECK (export_power >= 0),
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (site_id, start_time)
);

CREATE TABLE inverter_limits (
    inverter_id     text COLLATE "C" NOT NULL REFERENCES inverters (id) ON DELETE CASCADE,
    start_time      timestamptz NOT NULL CHECK (date_bin('15 minutes', start_time, timestamptz '2000-01-01 00:00:00+00') = start_time),
    delivery_day    date NOT NULL,
    power_charge    numeric CHECK (power_charge <= 0),
    power_discharge numeric CHECK (power_discharge >= 0),
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    PRIMARY KEY (inverter_id, start_time)
);
