using AssetService.Core.Changes;
using AssetService.Core.Assets;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Limits;

public sealed class LimitsService(NpgsqlDataSource db, TimeProvider clock)
{
    // Partial upsert: a null keeps what the source said before; the slot's end and delivery day are
    // always rewritten from the key, and created_at is never touched.
    private const string UpsertSql = """
        INSERT INTO asset_limits AS t (asset_id, start_time, source, end_time, delivery_day,
            power_charge, power_discharge, energy_low, energy_high, trading_locked, created_at, updated_at)
        SELECT r.asset_id, r.start_time, r.source, r.start_time + interval '15 minutes', r.delivery_day,
            r.power_charge, r.power_discharge, r.energy_low, r.energy_high, r.trading_locked, @Now, @Now
        FROM unnest(@AssetIds::text[], @StartTimes::timestamptz[], @Sources::text[], @DeliveryDays::date[],
            @PowerCharge::numeric[], @PowerDischarge::numeric[], @EnergyLow::numeric[], @EnergyHigh::numeric[],
            @TradingLocked::boolean[])
            AS r(asset_id, start_time, source, delivery_day, power_charge, power_discharge, energy_low, energy_high, trading_locked)
        ON CONFLICT (asset_id, start_time, source) DO UPDATE SET
            end_time = EXCLUDED.end_time,
            delivery_day = EXCLUDED.delivery_day,
            power_charge = COALESCE(EXCLUDED.power_charge, t.power_charge),
            power_discharge = COALESCE(EXCLUDED.power_discharge, t.power_discharge),
            energy_low = COALESCE(EXCLUDED.energy_low, t.energy_low),
            energy_high = COALESCE(EXCLUDED.energy_high, t.energy_high),
            trading_locked = COALESCE(EXCLUDED.trading_locked, t.trading_locked),
            updated_at = EXCLUDED.updated_at
        """;

    public async Task<UpsertResult> UpsertAsync(UpsertLimitsRequest request, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var regions = await AssetRegions.RequireAsync(connection, request.Limits.Select(e => e.AssetId), ct, transaction);
        var rows = LimitExpansion.Expand(request.Limits, regions);
        var upserted = await connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            rows.AssetIds, rows.StartTimes, rows.Sources, rows.DeliveryDays,
            rows.PowerCharge, rows.PowerDischarge, rows.EnergyLow, rows.EnergyHigh, rows.TradingLocked,
            Now = clock.GetUtcNow().UtcDateTime,
        }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return new UpsertResult(upserted);
    }

    // A page holds whole slots: the groups are paged first, then all their (filtered) source rows
    // are read with the most restrictive values over the slot as window aggregates.
    private const string ListSql = """
        WITH page AS (
            SELECT asset_id, start_time
            FROM asset_limits
            WHERE asset_id = ANY(@AssetIds) AND start_time >= @From AND start_time < @To
              AND (@Sources::text[] IS NULL OR source = ANY(@Sources))
            GROUP BY asset_id, start_time
            ORDER BY asset_id, start_time
            LIMIT @Limit OFFSET @Offset)
        SELECT l.asset_id, l.start_time, l.end_time, l.delivery_day, l.source,
            l.power_charge, l.power_discharge, l.energy_low, l.energy_high, l.trading_locked, l.updated_at,
            max(l.power_charge) OVER slot AS computed_power_charge,
            min(l.power_discharge) OVER slot AS computed_power_discharge,
            max(l.energy_low) OVER slot AS computed_energy_low,
            min(l.energy_high) OVER slot AS computed_energy_high,
            COALESCE(bool_or(l.trading_locked) OVER slot, false) AS computed_trading_locked
        FROM page p
        JOIN asset_limits l ON l.asset_id = p.asset_id AND l.start_time = p.start_time
        WHERE (@Sources::text[] IS NULL OR l.source = ANY(@Sources))
          -- Redundant for the current rows; for the as_of rewrite it lets both branches of the history
          -- union use their indexes (the planner does not push the join condition into a UNION ALL).
          AND l.asset_id = ANY(@AssetIds) AND l.start_time >= @From AND l.start_time < @To
        WINDOW slot AS (PARTITION BY l.asset_id, l.start_time)
        ORDER BY l.asset_id, l.start_time, l.source
        """;

    private static readonly string ListSqlAsOf = AsOf.Sql(ListSql);

    public Task<LimitList> ListAsync(LimitsQuery query, CancellationToken ct) => ListAsync(query, null, ct);

    /// <summary>The same read over the state at <paramref name="asOf"/> (contract 6.1), or the current state when null.</summary>
    public async Task<LimitList> ListAsync(LimitsQuery query, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<LimitRow>(new CommandDefinition(asOf is null ? ListSql : ListSqlAsOf, new
        {
            AsOf = asOf,
            AssetIds = query.AssetIds.ToArray(), query.From, query.To, Sources = query.Sources?.ToArray(),
            query.Page.Limit, query.Page.Offset,
        }, cancellationToken: ct));
        // GroupBy keeps the order of the rows, which arrive sorted by slot and source.
        var slots = rows.GroupBy(r => (r.AssetId, r.StartTime)).Select(slot =>
        {
            var first = slot.First();
            return new LimitSlot(first.AssetId, first.StartTime, first.EndTime, first.DeliveryDay,
                slot.Select(r => new SourceLimits(r.Source, r.PowerCharge, r.PowerDischarge, r.EnergyLow, r.EnergyHigh, r.TradingLocked, r.UpdatedAt)).ToArray(),
                new ComputedLimits(first.ComputedPowerCharge, first.ComputedPowerDischarge, first.ComputedEnergyLow,
                    first.ComputedEnergyHigh, first.ComputedTradingLocked));
        }).ToArray();
        return new LimitList(query.Page.Limit, query.Page.Offset, slots);
    }

    // Locked rows keep their lock and lose their constraints; every other matched row would be left
    // empty, so it is removed. Two disjoint sets in one statement: a row must not be both updated and
    // deleted by one statement.
    private const string ClearSql = """
        WITH removed AS (
            DELETE FROM asset_limits
            WHERE asset_id = @AssetId AND source = @Source AND start_time >= @StartTime AND start_time < @EndTime
              AND trading_locked IS NOT TRUE
            RETURNING 1),
        kept AS (
            UPDATE asset_limits SET power_charge = NULL, power_discharge = NULL, energy_low = NULL, energy_high = NULL, updated_at = @Now
            WHERE asset_id = @AssetId AND source = @Source AND start_time >= @StartTime AND start_time < @EndTime
              AND trading_locked
            RETURNING 1)
        SELECT EXISTS (SELECT 1 FROM assets WHERE id = @AssetId) AS asset_exists,
            (SELECT count(*) FROM removed)::int AS deleted,
            (SELECT count(*) FROM kept)::int AS kept
        """;

    public async Task<LimitsCleared> ClearAsync(DeleteLimitsQuery query, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var (assetExists, deleted, kept) = await connection.QuerySingleAsync<(bool, int, int)>(new CommandDefinition(ClearSql, new
        {
            query.AssetId, query.Source, query.StartTime, query.EndTime, Now = clock.GetUtcNow().UtcDateTime,
        }, cancellationToken: ct));
        if (!assetExists) throw AssetsService.NotFound(query.AssetId);
        return new LimitsCleared(deleted + kept, deleted);
    }

    private sealed record LimitRow
    {
        public string AssetId { get; init; } = "";
        public DateTime StartTime { get; init; }
        public DateTime EndTime { get; init; }
        public DateOnly DeliveryDay { get; init; }
        public string Source { get; init; } = "";
        public decimal? PowerCharge { get; init; }
        public decimal? PowerDischarge { get; init; }
        public decimal? EnergyLow { get; init; }
        public decimal? EnergyHigh { get; init; }
        public bool? TradingLocked { get; init; }
        public DateTime UpdatedAt { get; init; }
        public decimal? ComputedPowerCharge { get; init; }
        public decimal? ComputedPowerDischarge { get; init; }
        public decimal? ComputedEnergyLow { get; init; }
        public decimal? ComputedEnergyHigh { get; init; }
        public bool ComputedTradingLocked { get; init; }
    }
}
