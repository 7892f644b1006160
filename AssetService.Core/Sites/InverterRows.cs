using AssetService.Core.Changes;
using Dapper;
using Npgsql;

namespace AssetService.Core.Sites;

/// <summary>Loads inverters with their asset ids, for any number of sites in one query.</summary>
internal static class InverterRows
{
    // length(id) first: within a site ids differ only in their number, so INV_2 comes before INV_10.
    // Every column is grouped by name: the as_of rewrite reads a function, which has no primary key.
    private const string OfSitesSql = """
        SELECT i.id, i.site_id, i.rated_power, i.charge_efficiency, i.discharge_efficiency,
               COALESCE(array_agg(ia.asset_id ORDER BY ia.asset_id) FILTER (WHERE ia.asset_id IS NOT NULL), '{}') AS asset_ids
        FROM inverters i
        LEFT JOIN inverter_assets ia ON ia.inverter_id = i.id
        WHERE i.site_id = ANY(@SiteIds)
        GROUP BY i.id, i.site_id, i.rated_power, i.charge_efficiency, i.discharge_efficiency
        ORDER BY i.site_id, length(i.id), i.id
        """;

    private static readonly string OfSitesSqlAsOf = AsOf.Sql(OfSitesSql);

    /// <param name="asOf">The inverters and links valid then (contract 6.1); null: the current ones.</param>
    public static async Task<ILookup<string, Inverter>> OfSitesAsync(
        NpgsqlConnection connection, IReadOnlyCollection<string> siteIds, CancellationToken ct, NpgsqlTransaction? tx = null, DateTime? asOf = null)
    {
        if (siteIds.Count == 0) return Array.Empty<Inverter>().ToLookup(i => i.SiteId);
        var rows = await connection.QueryAsync<InverterRow>(
            new CommandDefinition(asOf is null ? OfSitesSql : OfSitesSqlAsOf, new { SiteIds = siteIds.ToArray(), AsOf = asOf }, tx, cancellationToken: ct));
        return rows.Select(r => r.ToInverter()).ToLookup(i => i.SiteId);
    }

    private const string OneSql = """
        SELECT i.id, i.site_id, i.rated_power, i.charge_efficiency, i.discharge_efficiency,
               COALESCE(array_agg(ia.asset_id ORDER BY ia.asset_id) FILTER (WHERE ia.asset_id IS NOT NULL), '{}') AS asset_ids
        FROM inverters i
        LEFT JOIN inverter_assets ia ON ia.inverter_id = i.id
        WHERE i.id = @InverterId
        GROUP BY i.id
        """;

    public static async Task<Inverter> OneAsync(NpgsqlConnection connection, string inverterId, NpgsqlTransaction? tx, CancellationToken ct) =>
        (await connection.QuerySingleAsync<InverterRow>(new CommandDefinition(OneSql, new { InverterId = inverterId }, tx, cancellationToken: ct)))
        .ToInverter();
}
