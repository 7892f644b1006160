using AssetService.Core.Changes;
using AssetService.Core.Assets;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Forecasts;

public sealed class ForecastsService(NpgsqlDataSource db)
{
    private const string Columns = "asset_id, start_time, end_time, delivery_day, generation, consumption, created_at, updated_at";

    private const string UpsertSql = """
        INSERT INTO forecasts AS t (asset_id, start_time, end_time, delivery_day, generation, consumption, created_at, updated_at)
        SELECT r.asset_id, r.start_time, r.start_time + interval '15 minutes', r.delivery_day, r.generation, r.consumption, @Now, @Now
        FROM unnest(@AssetIds::text[], @StartTimes::timestamptz[], @DeliveryDays::date[], @Generation::numeric[], @Consumption::numeric[])
            AS r(asset_id, start_time, delivery_day, generation, consumption)
        ON CONFLICT (asset_id, start_time) DO UPDATE SET
            end_time = EXCLUDED.end_time,
            delivery_day = EXCLUDED.delivery_day,
            generation = EXCLUDED.generation,
            consumption = EXCLUDED.consumption,
            updated_at = EXCLUDED.updated_at
        """;

    public Task<UpsertResult> UpsertAsync(UpsertForecastsRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Assets(request.Forecasts.Select(e => e.AssetId)), write => UpsertAsync(write, request, ct), ct);

    private static async Task<UpsertResult> UpsertAsync(AuthoredWrite write, UpsertForecastsRequest request, CancellationToken ct)
    {
        var regions = await AssetRegions.RequireAsync(write.Connection, request.Forecasts.Select(e => e.AssetId), ct, write.Transaction);
        // Key order, so that concurrent batches lock rows in the same order and cannot deadlock.
        var rows = request.Forecasts.OrderBy(e => e.AssetId, StringComparer.Ordinal).ThenBy(e => e.StartTime).ToArray();
        var upserted = await write.Connection.ExecuteAsync(new CommandDefinition(UpsertSql, new
        {
            AssetIds = rows.Select(r => r.AssetId).ToArray(),
            StartTimes = rows.Select(r => r.StartTime).ToArray(),
            DeliveryDays = rows.Select(r => DeliveryDay.Of(r.StartTime, regions[r.AssetId])).ToArray(),
            Generation = rows.Select(r => r.Generation).ToArray(),
            Consumption = rows.Select(r => r.Consumption).ToArray(),
            Now = write.Instant,
        }, write.Transaction, cancellationToken: ct));
        await write.CommitAsync(ct);
        return new UpsertResult(upserted);
    }

    private const string ListSql = $"""
        SELECT {Columns}
        FROM forecasts
        WHERE asset_id = ANY(@AssetIds) AND start_time >= @From AND start_time < @To
        ORDER BY asset_id, start_time
        LIMIT @Limit OFFSET @Offset
        """;

    private static readonly string ListSqlAsOf = AsOf.Sql(ListSql);

    public Task<JsonBuffer> ListAsync(ForecastsQuery query, CancellationToken ct) => ListAsync(query, null, ct);

    /// <summary>The page as the wire carries it, over the state at <paramref name="asOf"/> (contract 6.1), or the current state when null.</summary>
    public async Task<JsonBuffer> ListAsync(ForecastsQuery query, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(asOf is null ? ListSql : ListSqlAsOf, connection)
        {
            Parameters =
            {
                new("AssetIds", query.AssetIds as string[] ?? query.AssetIds.ToArray()),
                new("From", query.From),
                new("To", query.To),
                new("Limit", query.Page.Limit),
                new("Offset", query.Page.Offset),
            },
        };
        if (asOf is not null) command.Parameters.Add(new NpgsqlParameter<DateTime>("AsOf", asOf.Value));
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ForecastListJson.WriteAsync(reader, query.Page.Limit, query.Page.Offset, ct);
    }
}
