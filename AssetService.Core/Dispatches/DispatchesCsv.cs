using AssetService.Core.Common.Csv;
using Npgsql;

namespace AssetService.Core.Dispatches;

/// <summary>Dispatches as CSV: one line per dispatch.</summary>
public sealed class DispatchesCsv(NpgsqlDataSource db)
{
    private const string Where = """
        asset_id = ANY(@AssetIds) AND start_time >= @From AND start_time < @To
          AND (@DeliveryDay::date IS NULL OR delivery_day = @DeliveryDay::date)
        """;

    private const string CountSql = $"SELECT count(*) FROM dispatches WHERE {Where}";

    private const string RowsSql = $"""
        SELECT dispatch_id AS id, asset_id, start_time, end_time, delivery_day, power, market, source, issued_at, received_at
        FROM dispatches
        WHERE {Where}
        ORDER BY asset_id, start_time, issued_at, dispatch_id
        """;

    public Task<CsvTable> OpenAsync(DispatchListQuery query, CancellationToken ct) => CsvTable.OpenAsync(db, CountSql, RowsSql,
        new { AssetIds = query.AssetIds.ToArray(), query.From, query.To, query.DeliveryDay }, ct);
}
