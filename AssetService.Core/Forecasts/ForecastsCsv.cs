using AssetService.Core.Changes;
using AssetService.Core.Common.Csv;
using Npgsql;

namespace AssetService.Core.Forecasts;

/// <summary>Forecasts as CSV: one line per asset and slot.</summary>
public sealed class ForecastsCsv(NpgsqlDataSource db)
{
    /// <summary>How the cells of a <c>text/csv</c> PUT body read as the JSON entry's values.</summary>
    public static readonly CsvColumns Body = CsvColumns.Of(UpsertForecastsRequest.Entry);

    private const string Where = "asset_id = ANY(@AssetIds) AND start_time >= @From AND start_time < @To";

    private const string CountSql = $"SELECT count(*) FROM forecasts WHERE {Where}";

    private const string RowsSql = $"""
        SELECT asset_id, start_time, end_time, delivery_day, generation, consumption, created_at, updated_at
        FROM forecasts
        WHERE {Where}
        ORDER BY asset_id, start_time
        """;

    private static readonly string CountSqlAsOf = AsOf.Sql(CountSql);
    private static readonly string RowsSqlAsOf = AsOf.Sql(RowsSql);

    public Task<CsvTable> OpenAsync(ForecastsQuery query, DateTime? asOf, CancellationToken ct) => CsvTable.OpenAsync(db,
        asOf is null ? CountSql : CountSqlAsOf, asOf is null ? RowsSql : RowsSqlAsOf,
        new { AssetIds = query.AssetIds.ToArray(), query.From, query.To, AsOf = asOf }, ct);
}
