using AssetService.Core.Common.Csv;
using Npgsql;

namespace AssetService.Core.StateSnapshots;

/// <summary>State snapshots as CSV: the window's rows, or with <c>latest=true</c> the newest row per asset.</summary>
public sealed class StateSnapshotsCsv(NpgsqlDataSource db)
{
    private const string Columns = "asset_id, effective_at, stored_energy, charged_energy, discharged_energy, created_at, updated_at";

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

    private const string LatestSql = $"""
        SELECT s.*
        FROM unnest(@AssetIds::text[]) AS a(id)
        CROSS JOIN LATERAL (
            SELECT {Columns}
            FROM state_snapshots
            WHERE asset_id = a.id
            ORDER BY effective_at DESC
            LIMIT 1) s
        ORDER BY s.asset_id
        """;

    public Task<CsvTable> OpenAsync(StateSnapshotsQuery query, CancellationToken ct) => CsvTable.OpenAsync(db,
        query.Latest ? LatestCountSql : CountSql, query.Latest ? LatestSql : RowsSql,
        new { AssetIds = query.AssetIds.ToArray(), query.From, query.To }, ct);
}
