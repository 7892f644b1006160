-- Ids, assets and their status. Every text key is COLLATE "C": byte order is total and stable,
-- and it is the order every list is sorted in.

CREATE TABLE id_counters (
    prefix      text COLLATE "C" PRIMARY KEY,
    last_number integer NOT NULL
);

-- The next id for a prefix, e.g. DE_50HZ_WU -> DE_50HZ_WU_3. The row lock of the upsert serialises
-- concurrent creates, and a number is never handed out twice, not even after a delete.
CREATE FUNCTION next_id(p_prefix text) RETURNS text
LANGUAGE sql VOLATILE AS $$
    INSERT INTO id_counters AS c (prefix, last_number) VALUES (p_prefix, 1)
    ON CONFLICT (prefix) DO UPDATE SET last_number = c.last_number + 1
    RETURNING p_prefix || '_' || last_number;
$$;

CREATE TABLE assets (
    id            text COLLATE "C" PRIMARY KEY,
    code          text COLLATE "C" NOT NULL CHECK (code ~ '^[A-Z0-9]{1,20}$'),
    name          text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 200),
    type          text NOT NULL CHECK (type IN ('BESS', 'VBAT', 'PV', 'DAA_SWAP', 'DAA_SWAP_VBAT', 'GREY_COLOCATION', 'GREEN_COLOCATION')),
    region        text NOT NULL CHECK (region IN ('DE', 'PL')),
    delivery_area text NOT NULL CHECK (delivery_area IN ('50HZ', 'AMPN', 'TNBW', 'TNNT', 'PSE')),
    lifecycle     text NOT NULL DEFAULT 'DRAFT' CHECK (lifecycle IN ('DRAFT', 'COMMISSIONING', 'LIVE', 'SUSPENDED', 'DECOMMISSIONED')),
    provider      text NOT NULL CHECK (provider IN ('ENERGIEKOPPLER', 'ENTELIOS', 'EBX', 'TERRALAYR', 'TRANSITION_TECHNOLOGIES', 'ASSET_SIMULATOR', 'NFT')),
    go_live_date  date,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    CONSTRAINT assets_region_area CHECK (
        (region = 'DE' AND delivery_area IN ('50HZ', 'AMPN', 'TNBW', 'TNNT')) OR
        (region = 'PL' AND delivery_area = 'PSE'))
);

-- Written by the status ingestion; the newest effective_at per asset is its status.
CREATE TABLE asset_status (
    asset_id     text COLLATE "C" NOT NULL REFERENCES assets (id) ON DELETE CASCADE,
    effective_at timestamptz NOT NULL,
    status       text NOT NULL CHECK (status IN ('UNKNOWN', 'ONLINE', 'OFFLINE', 'DEGRADED', 'MAINTENANCE')),
    reasons      text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (asset_id, effective_at)
);
