using AssetService.Core.Changes;
using AssetService.Core.Assets;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Reservations;

public sealed class ReservationsService(NpgsqlDataSource db)
{
    private const string Columns = """
        asset_id, start_time, end_time, delivery_day, market, source,
        power, energy_change, energy_buffer_low, energy_buffer_high, created_at, updated_at
        """;

    // A plain upsert: rows of other markets or sources in the same slot are left as they are.
    private const string UpsertSql = """
        INSERT INTO reservations AS t (asset_id, start_time, market, source, end_time, delivery_day,
            power, energy_change, energy_buffer_low, energy_buffer_high, created_at, updated_at)
        SELECT r.asset_id, r.start_time, r.market, r.source, r.start_time + interval '15 minutes', r.delivery_day,
            r.power, r.energy_change, r.energy_buffer_low, r.energy_buffer_high, @Now, @Now
        FROM unnest(@AssetIds::text[], @StartTimes::timestamptz[], @Markets::text[], @Sources::text[], @DeliveryDays::date[],
            @Power::numeric[], @EnergyChange::numeric[], @EnergyBufferLow::numeric[], @EnergyBufferHigh::numeric[])
            AS r(asset_id, start_time, market, source, delivery_day, power, energy_change, energy_buffer_low, energy_buffer_high)
        ON CONFLICT (asset_id, start_time, market, source) DO UPDATE SET
            end_time = EXCLUDED.end_time,
            delivery_day = EXCLUDED.delivery_day,
            power = EXCLUDED.power,
            energy_change = EXCLUDED.energy_change,
            energy_buffer_low = EXCLUDED.energy_buffer_low,
            energy_buffer_high = EXCLUDED.energy_buffer_high,
            updated_at = EXCLUDED.updated_at
        """;

    public Task<UpsertResult> UpsertAsync(UpsertReservationsRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Assets(request.Reservations.Select(e => e.AssetId)), write => UpsertAsync(write, request, ct), ct);

    private static async Task<UpsertResult> UpsertAsync(AuthoredWrite write, UpsertReservationsRequest request, CancellationToken ct)
    {
        var regions = await AssetRegions.RequireAsync(write.Connection, request.Reservations.Select(e => e.AssetId), ct, write.Transaction);
        // Key order, so that concurrent batches lock rows in the same order and cannot deadlock.
        var rows = request.Reservations
            .OrderBy(e => e.AssetId, StringComparer.Ordinal).ThenBy(e => e.StartTime)
            .ThenBy(e => e.Market, StringComparer.Ordinal).ThenBy(e => e.Source, StringComparer.Ordinal).ToArray();
        var upserted = await write.Connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            AssetIds = rows.Select(r => r.AssetId).ToArray(),
            StartTimes = rows.Select(r => r.StartTime).ToArray(),
            Markets = rows.Select(r => r.Market).ToArray(),
            Sources = rows.Select(r => r.Source).ToArray(),
            DeliveryDays = rows.Select(r => DeliveryDay.Of(r.StartTime, regions[r.AssetId])).ToArray(),
            Power = rows.Select(r => r.Power).ToArray(),
            EnergyChange = rows.Select(r => r.EnergyChange).ToArray(),
            EnergyBufferLow = rows.Select(r => r.EnergyBufferLow).ToArray(),
            EnergyBufferHigh = rows.Select(r => r.EnergyBufferHigh).ToArray(),
            Now = write.Instant,
        }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return new UpsertResult(upserted);
    }

    // IS NOT FALSE: true for every row when the filter is null, and kept as a filter rather than an
    // index condition on the key's later columns, which would make PostgreSQL sort the whole range.
    private const string ListSql = $"""
        SELECT {Columns}
        FROM reservations
        WHERE asset_id = ANY(@AssetIds) AND start_time >= @From AND start_time < @To
          AND (market = ANY(@Markets::text[])) IS NOT FALSE
          AND (source = ANY(@Sources::text[])) IS NOT FALSE
        ORDER BY asset_id, start_time, market, source
        LIMIT @Limit OFFSET @Offset
        """;

    private static readonly string ListSqlAsOf = AsOf.Sql(ListSql);

    public Task<ReservationList> ListAsync(ReservationsQuery query, CancellationToken ct) => ListAsync(query, null, ct);

    /// <summary>The same read over the state at <paramref name="asOf"/> (contract 6.1), or the current state when null.</summary>
    public async Task<ReservationList> ListAsync(ReservationsQuery query, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Reservation>(new CommandDefinition(asOf is null ? ListSql : ListSqlAsOf, new
        {
            AsOf = asOf,
            AssetIds = query.AssetIds.ToArray(), query.From, query.To,
            Markets = query.Markets?.ToArray(), Sources = query.Sources?.ToArray(),
            query.Page.Limit, query.Page.Offset,
        }, cancellationToken: ct));
        return new ReservationList(query.Page.Limit, query.Page.Offset, rows.AsList());
    }
}
