using AssetService.Core.Changes;
using AssetService.Core.Common.Csv;
using Npgsql;

namespace AssetService.Core.Limits;

/// <summary>Limits as CSV: one line per slot and source with that source's fields (no computed values).</summary>
public sealed class LimitsCsv(NpgsqlDataSource db)
{
    /// <summary>How the cells of a <c>text/csv</c> PATCH body read as the JSON entry's values.</summary>
    public static readonly CsvColumns Body = CsvColumns.Of(UpsertLimitsRequest.Entry);

    private const string Where = """
        asset_id = ANY(@AssetIds) AND start_time >= @From AND start_time < @To
          AND (@Sources::text[] IS NULL OR source = ANY(@Sources))
        """;

    private const string CountSql = $"SELECT count(*) FROM asset_limits WHERE {Where}";

    private const string RowsSql = $"""
        SELECT asset_id, start_time, end_time, delivery_day, source,
            power_charge, power_discharge, energy_low, energy_high, trading_locked, updated_at
        FROM asset_limits
        WHERE {Where}
        ORDER BY asset_id, start_time, source
        """;

    private static readonly string CountSqlAsOf = AsOf.Sql(CountSql);
    private static readonly string RowsSqlAsOf = AsOf.Sql(RowsSql);

    public Task<CsvTable> OpenAsync(LimitsQuery query, DateTime? asOf, CancellationToken ct) => CsvTable.OpenAsync(db,
        asOf is null ? CountSql : CountSqlAsOf, asOf is null ? RowsSql : RowsSqlAsOf,
        new { AssetIds = query.AssetIds.ToArray(), query.From, query.To, Sources = query.Sources?.ToArray(), AsOf = asOf }, ct);
}
