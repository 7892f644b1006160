using AssetService.Core.Changes;
using AssetService.Core.Assets;
using AssetService.Core.Common;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace AssetService.Core.Limits;

public sealed class LimitsService(NpgsqlDataSource db)
{
    // Partial upsert: a null keeps what the source said before; the slot's end and delivery day are
    // always rewritten from the key, and created_at is never touched. The entries, not their rows, are
    // sent: PostgreSQL expands each (time-of-day window x dates) itself, so a year of slots costs a few
    // hundred bytes of parameters instead of ten arrays of 35,040 values. The rows are written in key
    // order, so that concurrent batches lock them in the same order and cannot deadlock.
    private const string UpsertSql = """
        INSERT INTO asset_limits AS t (asset_id, start_time, source, end_time, delivery_day,
            power_charge, power_discharge, energy_low, energy_high, trading_locked, created_at, updated_at)
        SELECT e.asset_id, s.start_time, e.source, s.start_time + interval '15 minutes',
            (s.start_time AT TIME ZONE e.time_zone)::date,
            e.power_charge, e.power_discharge, e.energy_low, e.energy_high, e.trading_locked, $13, $13
        FROM unnest($1::text[], $2::text[], $3::text[], $4::date[], $5::date[], $6::int[], $7::int[],
            $8::numeric[], $9::numeric[], $10::numeric[], $11::numeric[], $12::boolean[])
            AS e(asset_id, source, time_zone, valid_from, valid_until, start_minute, end_minute,
                 power_charge, power_discharge, energy_low, energy_high, trading_locked)
        CROSS JOIN LATERAL (
            SELECT (day + make_interval(mins => minute)) AT TIME ZONE 'UTC' AS start_time
            FROM generate_series(e.valid_from::timestamp, e.valid_until::timestamp, interval '1 day') AS day,
                 generate_series(e.start_minute, e.end_minute - 15, 15) AS minute) AS s
        ORDER BY e.asset_id COLLATE "C", s.start_time, e.source COLLATE "C"
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

    public Task<UpsertResult> UpsertAsync(UpsertLimitsRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Assets(request.Limits.Select(e => e.AssetId)), write => UpsertAsync(write, request, ct), ct);

    private static async Task<UpsertResult> UpsertAsync(AuthoredWrite write, UpsertLimitsRequest request, CancellationToken ct)
    {
        var regions = await AssetRegions.RequireAsync(write.Connection, request.Limits.Select(e => e.AssetId), ct, write.Transaction);
        var entries = request.Limits;
        await using var command = new NpgsqlCommand(UpsertSql, write.Connection, write.Transaction)
        {
            Parameters =
            {
                Array(entries, e => e.AssetId),
                Array(entries, e => e.Source),
                Array(entries, e => DeliveryDay.MarketZoneId(regions[e.AssetId])),
                Array(entries, e => e.ValidFrom),
                Array(entries, e => e.ValidUntil),
                Array(entries, e => e.StartMinute),
                Array(entries, e => e.EndMinute),
                Array(entries, e => e.PowerCharge),
                Array(entries, e => e.PowerDischarge),
                Array(entries, e => e.EnergyLow),
                Array(entries, e => e.EnergyHigh),
                Array(entries, e => e.TradingLocked),
                new NpgsqlParameter<DateTime> { TypedValue = write.Instant },
            },
        };
        var upserted = await command.ExecuteNonQueryAsync(ct);
        await write.CommitAsync(ct);
        return new UpsertResult(upserted);
    }

    private static NpgsqlParameter<T[]> Array<T>(IReadOnlyList<LimitEntry> entries, Func<LimitEntry, T> value) =>
        new() { TypedValue = entries.Select(value).ToArray() };

    // One ordered range read of the primary key; the page of slot groups is cut and the computed block
    // folded while the rows are read. A slot has at most one row per source, so (offset + limit) slots
    // never need more than that many times the number of sources asked for: the LIMIT bounds the scan
    // without cutting a slot of the page short.
    private static string ListSqlWhere(string sourceFilter) => $"""
        SELECT asset_id, start_time, end_time, delivery_day, source,
            power_charge, power_discharge, energy_low, energy_high, trading_locked, updated_at
        FROM asset_limits
        WHERE asset_id = ANY($1) AND start_time >= $2 AND start_time < $3
          AND {sourceFilter}
        ORDER BY asset_id, start_time, source
        LIMIT $5
        """;

    // Any sources (null: all) as IS NOT FALSE, so that it stays a filter: as an index condition on the
    // key's third column, PostgreSQL 15 no longer trusts the scan's order and sorts the whole range.
    private static readonly string ListSql = ListSqlWhere("(source = ANY($4::text[])) IS NOT FALSE");

    // One source (an optimiser reading its own): an equality is checked inside the index, so the other
    // sources' rows are never fetched from the table, and the scan keeps its order.
    private static readonly string ListOneSourceSql = ListSqlWhere("source = ($4::text[])[1]");

    private static readonly string ListSqlAsOf = AsOf.Sql(ListSql, "$6", "$2", "$3");
    private static readonly string ListOneSourceSqlAsOf = AsOf.Sql(ListOneSourceSql, "$6", "$2", "$3");

    public Task<JsonBuffer> ListAsync(LimitsQuery query, CancellationToken ct) => ListAsync(query, null, ct);

    /// <summary>
    /// The page as the wire carries it (contract: GET /limits), over the state at <paramref name="asOf"/>
    /// (contract 6.1) or the current state when null. Written while the rows are read (<see cref="LimitListJson"/>).
    /// </summary>
    public async Task<JsonBuffer> ListAsync(LimitsQuery query, DateTime? asOf, CancellationToken ct)
    {
        var sources = query.Sources?.Distinct(StringComparer.Ordinal).Count() ?? LimitSources.All.Values.Count;
        await using var connection = await db.OpenConnectionAsync(ct);
        var sql = (asOf is null, sources == 1 && query.Sources is not null) switch
        {
            (true, false) => ListSql,
            (true, true) => ListOneSourceSql,
            (false, false) => ListSqlAsOf,
            (false, true) => ListOneSourceSqlAsOf,
        };
        await using var command = new NpgsqlCommand(sql, connection)
        {
            Parameters =
            {
                new() { Value = query.AssetIds as string[] ?? query.AssetIds.ToArray() },
                new() { Value = query.From },
                new() { Value = query.To },
                new() { Value = (object?)query.Sources?.ToArray() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
                new() { Value = ((long)query.Page.Offset + query.Page.Limit) * sources },
            },
        };
        if (asOf is not null) command.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = asOf.Value });
        var output = new JsonBuffer();
        try
        {
            await using var reader = await command.ExecuteReaderAsync(ct);
            using var page = new LimitListJson(output, reader, query.Page.Limit, query.Page.Offset);
            var (assetColumn, startColumn) = (page.Columns.AssetId, page.Columns.StartTime);
            // Slots are cut by (asset, start); the first Offset slots are read past, and the read stops at the
            // first row of the slot after the page's last.
            var (slots, written) = (0, false);
            string? assetId = null;
            DateTime start = default;
            while (await reader.ReadAsync(ct))
            {
                var (rowAsset, rowStart) = (reader.GetString(assetColumn), reader.GetDateTime(startColumn));
                if (rowStart != start || rowAsset != assetId)
                {
                    if (slots == query.Page.Offset + query.Page.Limit) break;
                    (assetId, start, written) = (rowAsset, rowStart, slots++ >= query.Page.Offset);
                    if (written) page.StartSlot(reader, rowAsset, rowStart);
                }
                if (written) page.WriteSource(reader);
            }
            page.Complete();
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
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

    public Task<LimitsCleared> ClearAsync(DeleteLimitsQuery query, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Asset(query.AssetId), async write =>
        {
            var (assetExists, deleted, kept) = await write.Connection.QuerySingleAsync<(bool, int, int)>(new CommandDefinition(ClearSql, new
            {
                query.AssetId, query.Source, query.StartTime, query.EndTime, Now = write.Instant,
            }, write.Transaction, cancellationToken: ct));
            if (!assetExists) throw AssetsService.NotFound(query.AssetId);
            await write.CommitAsync(ct);
            return new LimitsCleared(deleted + kept, deleted);
        }, ct);
}
