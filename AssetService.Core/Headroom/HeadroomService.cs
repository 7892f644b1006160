using AssetService.Core.Changes;
using AssetService.Core.Common;
using AssetService.Core.Sites;
using Dapper;
using Npgsql;

namespace AssetService.Core.Headroom;

/// <summary>
/// Contract 7: what is still free to trade per asset (or site) and quarter hour. The inputs of a page are
/// read in one round trip (<see cref="HeadroomInputsReader"/>) and folded in C# (<see cref="HeadroomFold"/>).
/// </summary>
public sealed class HeadroomService(NpgsqlDataSource db)
{
    private static readonly HeadroomInputsReader.Statements AssetStatements = HeadroomInputsReader.Statements.For(HeadroomInputsReader.AssetPage);
    private static readonly HeadroomInputsReader.Statements SiteStatements = HeadroomInputsReader.Statements.For(HeadroomInputsReader.SitePage);

    /// <summary>
    /// A page of items ordered by (asset_id, start_time). Every asset has the same quarter hours, so a page
    /// of items is a run of whole assets cut at both ends: only those assets are read, each over the whole
    /// window (the energy envelope is the window's, not the page's).
    /// </summary>
    public async Task<HeadroomList> ListAsync(HeadroomQuery query, DateTime? asOf, CancellationToken ct)
    {
        var (window, page) = (query.Window, query.Page);
        var (firstAsset, assetCount, skip) = AssetsOf(page, window.Slots);
        await using var connection = await db.OpenConnectionAsync(ct);
        var inputs = await HeadroomInputsReader.ReadAsync(connection, null, AssetStatements, [.. query.AssetIds], window, firstAsset, assetCount, asOf, ct);
        var items = new HeadroomFold(inputs).Items().Skip(skip).Take(page.Limit).ToArray();
        return new HeadroomList(items, page.Limit, page.Offset);
    }

    private static (long First, long Count, int Skip) AssetsOf(Page page, int slots)
    {
        var skip = (int)((long)page.Offset % slots);
        return ((long)page.Offset / slots, (skip + page.Limit + slots - 1) / slots, skip);
    }

    /// <summary>What a JSON page of <paramref name="query"/> runs, values in place (bench/headroom.sh).</summary>
    internal static IEnumerable<string> Sql(HeadroomQuery query)
    {
        var (first, count, _) = AssetsOf(query.Page, query.Window.Slots);
        var literals = HeadroomInputsReader.Literals([.. query.AssetIds], query.Window, first, count);
        return AssetStatements.Now.Select(sql => HeadroomInputsReader.Inline(sql, literals));
    }

    private const string SiteSql = "SELECT region FROM sites WHERE id = @SiteId";
    private static readonly string SiteSqlAsOf = AsOf.Sql(SiteSql);

    /// <summary>A page of the site's quarter hours; 404 for a site that does not (or, as of then, did not) exist.</summary>
    public async Task<SiteHeadroomList> SiteAsync(string siteId, SiteHeadroomQuery query, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var region = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            asOf is null ? SiteSql : SiteSqlAsOf, new { SiteId = siteId, AsOf = asOf }, transaction, cancellationToken: ct))
            ?? throw (asOf is { } at ? AsOf.NotFoundThen("Site", siteId, at) : SitesService.NotFound(siteId));
        var inputs = await HeadroomInputsReader.ReadAsync(connection, transaction, SiteStatements, [siteId], query.Window, 0, 0, asOf, ct);
        var fold = new HeadroomFold(inputs);
        var items = fold.Site(siteId, region, fold.Items()).Skip(query.Page.Offset).Take(query.Page.Limit).ToArray();
        return new SiteHeadroomList(siteId, items, query.Page.Limit, query.Page.Offset);
    }
}
