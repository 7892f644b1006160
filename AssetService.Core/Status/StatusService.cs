using AssetService.Core.Assets;
using Dapper;
using Npgsql;

namespace AssetService.Core.Status;

public sealed class StatusService(NpgsqlDataSource db)
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
