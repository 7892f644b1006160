using AssetService.Core.Assets;
using Dapper;
using Npgsql;

namespace AssetService.Core.Status;

public sealed class StatusService(NpgsqlDataSource db, TimeProvider clock)
{
    private const string LatestOfAssetSql = """
        SELECT a.id AS asset_id, s.status, s.effective_at, s.reasons, s.created_at
        FROM assets a
        LEFT JOIN LATERAL (
            SELECT status, effective_at, reasons, created_at
            FROM asset_status
            WHERE asset_id = a.id
            ORDER BY effective_at DESC
            LIMIT 1) s ON true
        WHERE a.id = @Id
        """;

    /// <summary>The newest status of an asset, or the UNKNOWN entry when none was ever received.</summary>
    public async Task<AssetStatusEntry> GetLatestAsync(string assetId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<StatusRow>(
            new CommandDefinition(LatestOfAssetSql, new { Id = assetId }, cancellationToken: ct))
            ?? throw AssetsService.NotFound(assetId);
        return row.Status is null
            ? AssetStatusEntry.Unknown(assetId)
            : new AssetStatusEntry(row.AssetId, row.Status, row.EffectiveAt, row.Reasons ?? [], row.CreatedAt);
    }

    private const string LatestSql = """
        SELECT s.asset_id, s.status, s.effective_at, s.reasons, s.created_at
        FROM unnest(@AssetIds::text[]) AS a(id)
        CROSS JOIN LATERAL (
            SELECT asset_id, status, effective_at, reasons, created_at
            FROM asset_status
            WHERE asset_id = a.id
            ORDER BY effective_at DESC
            LIMIT 1) s
        WHERE cardinality(@Statuses::text[]) = 0 OR s.status = ANY(@Statuses::text[])
        ORDER BY s.asset_id
        LIMIT @Limit OFFSET @Offset
        """;

    private const string HistorySql = """
        SELECT asset_id, status, effective_at, reasons, created_at
        FROM asset_status
        WHERE asset_id = ANY(@AssetIds)
          AND effective_at >= @From AND effective_at < @To
          AND (cardinality(@Statuses::text[]) = 0 OR status = ANY(@Statuses::text[]))
        ORDER BY asset_id, effective_at
        LIMIT @Limit OFFSET @Offset
        """;

    /// <summary>The newest entry per asset (assets without status left out), or every entry in [from, to).</summary>
    public async Task<StatusList> ListAsync(StatusListQuery query, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<StatusRow>(new CommandDefinition(query.Latest ? LatestSql : HistorySql, new
        {
            AssetIds = query.AssetIds.ToArray(),
            query.From,
            To = query.To ?? clock.GetUtcNow().UtcDateTime,
            Statuses = query.Statuses.ToArray(),
            query.Page.Limit,
            query.Page.Offset,
        }, cancellationToken: ct));
        return new StatusList(rows.Select(r => new AssetStatusEntry(r.AssetId, r.Status!, r.EffectiveAt, r.Reasons ?? [], r.CreatedAt)).ToArray(),
            query.Page.Limit, query.Page.Offset);
    }

    // Init properties, not a positional record: Dapper matches constructors only on exact column types,
    // and a text[] column reports System.Array.
    private sealed record StatusRow
    {
        public string AssetId { get; init; } = "";
        public string? Status { get; init; }
        public DateTime? EffectiveAt { get; init; }
        public string[]? Reasons { get; init; }
        public DateTime? CreatedAt { get; init; }
    }
}
