using AssetService.Core.Changes;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Sites;

public sealed class SitesService(NpgsqlDataSource db)
{
    private const string InsertSql = $"""
        INSERT INTO sites (id, code, name, region, delivery_area, dispatch_mode, floor_price, strike_price, price_currency, created_at, updated_at)
        VALUES (next_id(@IdPrefix), @Code, @Name, @Region, @DeliveryArea, @Mode, @FloorPrice, @StrikePrice, @Currency, @Now, @Now)
        RETURNING {SiteRow.Columns}
        """;

    public Task<Site> CreateAsync(CreateSiteRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.None, async write =>
        {
            var mode = request.DispatchMode;
            var row = await write.Connection.QuerySingleAsync<SiteRow>(new CommandDefinition(InsertSql, new
            {
                request.IdPrefix, request.Code, request.Name, request.Region, request.DeliveryArea,
                Mode = mode.Name,
                FloorPrice = mode.FloorPrice?.Value,
                StrikePrice = mode.StrikePrice?.Value,
                Currency = mode.FloorPrice?.Currency,
                Now = write.Instant,
            }, write.Transaction, cancellationToken: ct));
            await write.CommitAsync(ct);
            return row.ToSite([]);
        }, ct);

    private const string ListSql = $"""
        SELECT {SiteRow.Columns}
        FROM sites s
        WHERE (@Region::text IS NULL OR region = @Region)
          AND (@DeliveryArea::text IS NULL OR delivery_area = @DeliveryArea)
          AND (@AssetId::text IS NULL OR EXISTS (
                SELECT 1 FROM inverters i JOIN inverter_assets ia ON ia.inverter_id = i.id
                WHERE i.site_id = s.id AND ia.asset_id = @AssetId))
        ORDER BY id
        LIMIT @Limit OFFSET @Offset
        """;

    /// <summary>A page of sites; with <c>expand=inverters</c> the page's inverters come in one more query, not one per site.</summary>
    public async Task<SiteList> ListAsync(SiteListQuery query, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = (await connection.QueryAsync<SiteRow>(new CommandDefinition(ListSql, new
        {
            query.Region, query.DeliveryArea, query.AssetId, query.Page.Limit, query.Page.Offset,
        }, cancellationToken: ct))).AsList();
        var inverters = query.ExpandInverters ? await InverterRows.OfSitesAsync(connection, rows.Select(r => r.Id).ToArray(), ct) : null;
        var sites = rows.Select(r => r.ToSite(inverters?[r.Id].ToArray())).ToArray();
        return new SiteList(sites, query.Page.Limit, query.Page.Offset);
    }

    private const string GetSql = $"SELECT {SiteRow.Columns} FROM sites WHERE id = @Id";

    private static readonly string GetSqlAsOf = AsOf.Sql(GetSql);

    public Task<Site> GetAsync(string id, CancellationToken ct) => GetAsync(id, null, ct);

    /// <summary>The site with its inverters as they were at <paramref name="asOf"/> (contract 6.1), or as they are when null.</summary>
    public async Task<Site> GetAsync(string id, DateTime? asOf, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(asOf is null ? GetSql : GetSqlAsOf,
                      new { Id = id, AsOf = asOf }, cancellationToken: ct))
                  ?? throw (asOf is { } at ? AsOf.NotFoundThen("Site", id, at) : NotFound(id));
        var inverters = await InverterRows.OfSitesAsync(connection, [id], ct, asOf: asOf);
        return row.ToSite(inverters[id].ToArray());
    }

    private const string LockSql = $"SELECT {SiteRow.Columns} FROM sites WHERE id = @Id FOR NO KEY UPDATE";

    private const string PatchSql = $"""
        UPDATE sites SET
            name = COALESCE(@Name, name),
            dispatch_mode = @Mode,
            floor_price = @FloorPrice,
            strike_price = @StrikePrice,
            price_currency = @Currency,
            updated_at = @Now
        WHERE id = @Id
        RETURNING {SiteRow.Columns}
        """;

    /// <summary>The dispatch mode is merged and checked under the site's row lock, so concurrent patches cannot mix.</summary>
    public Task<Site> PatchAsync(string id, PatchSiteRequest patch, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Site(id), async write =>
        {
            var (connection, tx) = (write.Connection, write.Transaction);
            var stored = await connection.QuerySingleOrDefaultAsync<SiteRow>(new CommandDefinition(LockSql, new { Id = id }, tx, cancellationToken: ct))
                         ?? throw NotFound(id);
            var mode = patch.Apply(stored.Mode);
            var row = await connection.QuerySingleAsync<SiteRow>(new CommandDefinition(PatchSql, new
            {
                Id = id,
                Name = patch.Name.Value,
                Mode = mode.Name,
                FloorPrice = mode.FloorPrice?.Value,
                StrikePrice = mode.StrikePrice?.Value,
                Currency = mode.FloorPrice?.Currency,
                Now = write.Instant,
            }, tx, cancellationToken: ct));
            var inverters = await InverterRows.OfSitesAsync(connection, [id], ct, tx);
            await tx.CommitAsync(ct);
            return row.ToSite(inverters[id].ToArray());
        }, ct);

    private const string DeleteSql = "DELETE FROM sites WHERE id = @Id";

    /// <summary>Removes the site; its inverters, their asset links and every site and inverter limit cascade.</summary>
    public Task DeleteAsync(string id, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Site(id), async write =>
        {
            if (await write.Connection.ExecuteAsync(new CommandDefinition(DeleteSql, new { Id = id }, write.Transaction, cancellationToken: ct)) == 0)
                throw NotFound(id);
            await write.CommitAsync(ct);
        }, ct);

    public static NotFoundException NotFound(string id) => new($"Site {id} not found");
}
