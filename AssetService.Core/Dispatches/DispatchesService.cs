using Dapper;
using Npgsql;

namespace AssetService.Core.Dispatches;

/// <summary>The dispatch history, read-only: dispatches are written by <see cref="DispatchIngestion"/>.</summary>
public sealed class DispatchesService(NpgsqlDataSource db)
{
    private const string ListSql = """
        SELECT dispatch_id AS id, asset_id, start_time, end_time, delivery_day, power, market, source, issued_at, received_at
        FROM dispatches
        WHERE asset_id = ANY(@AssetIds)
          AND start_time >= @From AND start_time < @To
          AND (@DeliveryDay::date IS NULL OR delivery_day = @DeliveryDay::date)
        ORDER BY asset_id, start_time, issued_at, dispatch_id
        LIMIT @Limit OFFSET @Offset
        """;

    public async Task<DispatchList> ListAsync(DispatchListQuery query, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<Dispatch>(new CommandDefinition(ListSql, new
        {
            AssetIds = query.AssetIds.ToArray(), query.From, query.To, query.DeliveryDay, query.Page.Limit, query.Page.Offset,
        }, cancellationToken: ct));
        return new DispatchList(rows.AsList(), query.Page.Limit, query.Page.Offset);
    }
}
