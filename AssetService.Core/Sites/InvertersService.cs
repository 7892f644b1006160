using AssetService.Core.Changes;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Sites;

/// <summary>
/// Inverters of a site. An asset sits on at most one inverter (a unique constraint on
/// inverter_assets.asset_id decides between concurrent writers) and shares the site's region and delivery area.
/// </summary>
public sealed class InvertersService(NpgsqlDataSource db)
{
    // KEY SHARE holds the site (and below, the assets) against a concurrent delete until commit.
    private const string SiteSql = "SELECT id, region, delivery_area FROM sites WHERE id = @SiteId FOR KEY SHARE";

    private const string InsertSql = """
        INSERT INTO inverters (id, site_id, rated_power, charge_efficiency, discharge_efficiency, created_at, updated_at)
        VALUES (next_id(@SiteId || '_INV'), @SiteId, @RatedPower, @ChargeEfficiency, @DischargeEfficiency, @Now, @Now)
        RETURNING id
        """;

    public Task<Inverter> CreateAsync(string siteId, CreateInverterRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Site(siteId), async write =>
        {
            var (connection, tx) = (write.Connection, write.Transaction);
            var site = await connection.QuerySingleOrDefaultAsync<SiteArea>(new CommandDefinition(SiteSql, new { SiteId = siteId }, tx, cancellationToken: ct))
                       ?? throw SitesService.NotFound(siteId);
            await InverterAssets.CheckAsync(connection, tx, site, request.AssetIds, ct);
            var id = await connection.QuerySingleAsync<string>(new CommandDefinition(InsertSql, new
            {
                SiteId = siteId,
                RatedPower = request.RatedPower.Value,
                request.ChargeEfficiency,
                request.DischargeEfficiency,
                Now = write.Instant,
            }, tx, cancellationToken: ct));
            await InverterAssets.LinkAsync(connection, tx, id, request.AssetIds, ct);
            var inverter = await InverterRows.OneAsync(connection, id, tx, ct);
            await write.CommitAsync(ct);
            return inverter;
        }, ct);

    private const string LockSql = """
        SELECT s.id, s.region, s.delivery_area
        FROM inverters i JOIN sites s ON s.id = i.site_id
        WHERE i.id = @InverterId AND i.site_id = @SiteId
        FOR NO KEY UPDATE OF i
        """;

    private const string PatchSql = """
        UPDATE inverters SET
            rated_power = COALESCE(@RatedPower, rated_power),
            charge_efficiency = COALESCE(@ChargeEfficiency, charge_efficiency),
            discharge_efficiency = COALESCE(@DischargeEfficiency, discharge_efficiency),
            updated_at = @Now
        WHERE id = @InverterId
        """;

    private const string UnlinkSql = "DELETE FROM inverter_assets WHERE inverter_id = @InverterId";

    public Task<Inverter> PatchAsync(string siteId, string inverterId, PatchInverterRequest patch, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Site(siteId), async write =>
        {
            var (connection, tx) = (write.Connection, write.Transaction);
            var site = await connection.QuerySingleOrDefaultAsync<SiteArea>(
                new CommandDefinition(LockSql, new { SiteId = siteId, InverterId = inverterId }, tx, cancellationToken: ct))
                ?? throw NotFound(siteId, inverterId);
            await connection.ExecuteAsync(new CommandDefinition(PatchSql, new
            {
                InverterId = inverterId,
                RatedPower = patch.RatedPower.Value?.Value,
                ChargeEfficiency = patch.ChargeEfficiency.IsPresent ? patch.ChargeEfficiency.Value : (decimal?)null,
                DischargeEfficiency = patch.DischargeEfficiency.IsPresent ? patch.DischargeEfficiency.Value : (decimal?)null,
                Now = write.Instant,
            }, tx, cancellationToken: ct));
            if (patch.AssetIds is { IsPresent: true, Value: { } assetIds })
            {
                await InverterAssets.CheckAsync(connection, tx, site, assetIds, ct);
                await connection.ExecuteAsync(new CommandDefinition(UnlinkSql, new { InverterId = inverterId }, tx, cancellationToken: ct));
                await InverterAssets.LinkAsync(connection, tx, inverterId, assetIds, ct);
            }
            var inverter = await InverterRows.OneAsync(connection, inverterId, tx, ct);
            await write.CommitAsync(ct);
            return inverter;
        }, ct);

    private const string DeleteSql = "DELETE FROM inverters WHERE id = @InverterId AND site_id = @SiteId";

    /// <summary>Removes the inverter, its asset links and its limits.</summary>
    public Task DeleteAsync(string siteId, string inverterId, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Site(siteId), async write =>
        {
            if (await write.Connection.ExecuteAsync(
                    new CommandDefinition(DeleteSql, new { SiteId = siteId, InverterId = inverterId }, write.Transaction, cancellationToken: ct)) == 0)
                throw NotFound(siteId, inverterId);
            await write.CommitAsync(ct);
        }, ct);

    /// <summary>Also the answer for an inverter that exists under another site: paths never cross sites.</summary>
    public static NotFoundException NotFound(string siteId, string inverterId) => new($"Inverter {inverterId} not found on site {siteId}");
}

/// <summary>Where a site is: what its inverters' assets must match.</summary>
internal sealed record SiteArea
{
    public string Id { get; init; } = "";
    public string Region { get; init; } = "";
    public string DeliveryArea { get; init; } = "";
}
