using AssetService.Core.Common.Csv;
using Npgsql;

namespace AssetService.Core.StateSnapshots;

/// <summary>State snapshots as CSV: the window's rows, or with <c>latest=true</c> the newest row per asset.</summary>
public sealed class StateSnapshotsCsv(NpgsqlDataSource db)
{
    private const string Columns = StateSnapshotsService.Columns;

    private const string Where = "asset_id = ANY(@AssetIds) AND effective_at >= @From AND effective_at < @To";

    private const string CountSql = $"SELECT count(*) FROM state_snapshots WHERE {Where}";

    private const string RowsSql = $"""
        SELECT {Columns}
        FROM state_snapshots
        WHERE {Where}
        ORDER BY effective_at, asset_id
        """;

    // At most one line per asset id asked for.
    private const string LatestCountSql = "SELECT cardinality(@AssetIds::text[])";

    public Task<CsvTable> OpenAsync(StateSnapshotsQuery query, CancellationToken ct) => CsvTable.OpenAsync(db,
        query.Latest ? LatestCountSql : CountSql, query.Latest ? StateSnapshotsService.AllLatestSql : RowsSql,
        new { AssetIds = query.AssetIds.ToArray(), query.From, query.To }, ct);
}
