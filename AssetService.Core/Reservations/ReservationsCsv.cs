using AssetService.Core.Changes;
using AssetService.Core.Common.Csv;
using Npgsql;

namespace AssetService.Core.Reservations;

/// <summary>Reservations as CSV: one line per asset, slot, market and source.</summary>
public sealed class ReservationsCsv(NpgsqlDataSource db)
{
    /// <summary>How the cells of a <c>text/csv</c> PUT body read as the JSON entry's values.</summary>
    public static readonly CsvColumns Body = CsvColumns.Of(UpsertReservationsRequest.Entry);

    private const string Where = """
        asset_id = ANY(@AssetIds) AND start_time >= @From AND start_time < @To
          AND (@Markets::text[] IS NULL OR market = ANY(@Markets))
          AND (@Sources::text[] IS NULL OR source = ANY(@Sources))
        """;

    private const string CountSql = $"SELECT count(*) FROM reservations WHERE {Where}";

    private const string RowsSql = $"""
        SELECT asset_id, start_time, end_time, delivery_day, market, source,
            power, energy_change, energy_buffer_low, energy_buffer_high, created_at, updated_at
        FROM reservations
        WHERE {Where}
        ORDER BY asset_id, start_time, market, source
        """;

    private static readonly string CountSqlAsOf = AsOf.Sql(CountSql);
    private static readonly string RowsSqlAsOf = AsOf.Sql(RowsSql);

    public Task<CsvTable> OpenAsync(ReservationsQuery query, DateTime? asOf, CancellationToken ct) => CsvTable.OpenAsync(db,
        asOf is null ? CountSql : CountSqlAsOf, asOf is null ? RowsSql : RowsSqlAsOf,
        new { AssetIds = query.AssetIds.ToArray(), query.From, query.To, Markets = query.Markets?.ToArray(), Sources = query.Sources?.ToArray(), AsOf = asOf }, ct);
}
