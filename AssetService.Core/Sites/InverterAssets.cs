using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Sites;

/// <summary>The asset list of an inverter: checks (404, 422) and the write that decides 409.</summary>
internal static class InverterAssets
{
    private const string AssetsSql = "SELECT id, region, delivery_area FROM assets WHERE id = ANY(@Ids) ORDER BY id FOR KEY SHARE";

    /// <summary>404 naming every unknown asset, then 422 for every asset outside the site's region and delivery area.</summary>
    public static async Task CheckAsync(NpgsqlConnection connection, NpgsqlTransaction tx, SiteArea site, IReadOnlyList<string> assetIds, CancellationToken ct)
    {
        var found = (await connection.QueryAsync<SiteArea>(
            new CommandDefinition(AssetsSql, new { Ids = assetIds.ToArray() }, tx, cancellationToken: ct))).ToDictionary(a => a.Id);
        var unknown = assetIds.Where(id => !found.ContainsKey(id)).Order(StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0) throw new NotFoundException($"Unknown asset ids: {string.Join(", ", unknown)}");

        var problems = new Problems();
        for (var i = 0; i < assetIds.Count; i++)
        {
            var asset = found[assetIds[i]];
            if (asset.Region != site.Region || asset.DeliveryArea != site.DeliveryArea)
                problems.Add("value_error", Loc.Body["asset_ids"][i],
                    $"Asset {asset.Id} is in {asset.Region} {asset.DeliveryArea}, but site {site.Id} is in {site.Region} {site.DeliveryArea}; " +
                    "an inverter's assets share its site's region and delivery area");
        }
        problems.ThrowIfAny();
    }

    // Sorted, so that concurrent writers lock the same assets in the same order.
    private const string LinkSql = """
        INSERT INTO inverter_assets (inverter_id, asset_id)
        SELECT @InverterId, a FROM unnest(@AssetIds::text[]) AS a ORDER BY a
        ON CONFLICT (asset_id) DO NOTHING
        RETURNING asset_id
        """;

    private const string HoldersSql = """
        SELECT asset_id, inverter_id FROM inverter_assets
        WHERE asset_id = ANY(@AssetIds) AND inverter_id <> @InverterId
        ORDER BY asset_id
        """;

    /// <summary>Links the assets; an asset already on another inverter (the unique constraint says so) is a 409 naming it.</summary>
    public static async Task LinkAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string inverterId, IReadOnlyList<string> assetIds, CancellationToken ct)
    {
        var args = new { InverterId = inverterId, AssetIds = assetIds.Order(StringComparer.Ordinal).ToArray() };
        var linked = (await connection.QueryAsync<string>(new CommandDefinition(LinkSql, args, tx, cancellationToken: ct))).ToHashSet();
        if (linked.Count == assetIds.Count) return;
        var taken = args.AssetIds.Where(a => !linked.Contains(a)).ToArray();
        var holders = await connection.QueryAsync<(string AssetId, string InverterId)>(
            new CommandDefinition(HoldersSql, new { InverterId = inverterId, AssetIds = taken }, tx, cancellationToken: ct));
        var named = holders.Select(h => $"{h.AssetId} (on {h.InverterId})").DefaultIfEmpty(string.Join(", ", taken));
        throw new ConflictException($"Assets already sit on another inverter: {string.Join(", ", named)}; an asset sits on at most one inverter");
    }
}
