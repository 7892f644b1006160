-- Dispatch history, written only by the dispatch queue ingestion. No foreign key to assets: the
-- history of a deleted asset stays (an audit trail of what the optimisation told it to do).
CREATE TABLE dispatches (
    dispatch_id  uuid PRIMARY KEY,
    asset_id     text COLLATE "C" NOT NULL,
    start_time   timestamptz NOT NULL,
    end_time     timestamptz NOT NULL,
    delivery_day date NOT NULL,
    power        numeric NOT NULL,
    market       text COLLATE "C" CHECK (market ~ '^[A-Z0-9_]{1,64}$'),
    source       text COLLATE "C" NOT NULL CHECK (source ~ '^[A-Z0-9_]{1,64}$'),
    issued_at    timestamptz NOT NULL,
    received_at  timestamptz NOT NULL,
    CONSTRAINT dispatches_window CHECK (end_time > start_time)
);

-- GET /dispatches: asset_id = ANY(..), start_time in [from, to), ordered by exactly these columns.
CREATE INDEX dispatches_asset_start ON dispatches (asset_id, start_time, issued_at, dispatch_id);

-- asset_status (0001) is keyed (asset_id, effective_at): its primary key index serves both the
-- newest entry per asset (scanned backwards) and the history window, so it needs no further index.
