using AssetService.Core.Changes;
using AssetService.Core.Common;
using Dapper;
using Npgsql;

namespace AssetService.Core.Sites;

/// <summary>
/// Site (point of connection) and inverter limits per 15-minute slot. A PUT is one transaction and one
/// upsert statement over arrays; delivery_day comes from the site's region.
/// </summary>
public sealed class SiteLimitsService(NpgsqlDataSource db)
{
    private const string SiteRegionSql = "SELECT region FROM sites WHERE id = @SiteId FOR KEY SHARE";

    private const string UpsertSiteSql = """
        INSERT INTO site_limits (site_id, start_time, delivery_day, import_power, export_power, created_at, updated_at)
        SELECT @SiteId, t.start_time, t.delivery_day, t.import_power, t.export_power, @Now, @Now
        FROM unnest(@StartTimes::timestamptz[], @DeliveryDays::date[], @First::numeric[], @Second::numeric[])
             AS t(start_time, delivery_day, import_power, export_power)
        ON CONFLICT (site_id, start_time) DO UPDATE SET
            delivery_day = EXCLUDED.delivery_day,
            import_power = EXCLUDED.import_power,
            export_power = EXCLUDED.export_power,
            updated_at = EXCLUDED.updated_at
        """;

    public Task<UpsertResult> PutSiteAsync(string siteId, PutLimitsRequest request, Author author, CancellationToken ct) =>
        UpsertAsync(siteId, SiteRegionSql, UpsertSiteSql, new { SiteId = siteId }, () => SitesService.NotFound(siteId), request, author, ct);

    private const string InverterRegionSql = """
        SELECT s.region FROM inverters i JOIN sites s ON s.id = i.site_id
        WHERE i.id = @InverterId AND i.site_id = @SiteId
        FOR KEY SHARE OF i
        """;

    private const string UpsertInverterSql = """
        INSERT INTO inverter_limits (inverter_id, start_time, delivery_day, power_charge, power_discharge, created_at, updated_at)
        SELECT @InverterId, t.start_time, t.delivery_day, t.power_charge, t.power_discharge, @Now, @Now
        FROM unnest(@StartTimes::timestamptz[], @DeliveryDays::date[], @First::numeric[], @Second::numeric[])
             AS t(start_time, delivery_day, power_charge, power_discharge)
        ON CONFLICT (inverter_id, start_time) DO UPDATE SET
            delivery_day = EXCLUDED.delivery_day,
            power_charge = EXCLUDED.power_charge,
            power_discharge = EXCLUDED.power_discharge,
            updated_at = EXCLUDED.updated_at
        """;

    public Task<UpsertResult> PutInverterAsync(string siteId, string inverterId, PutLimitsRequest request, Author author, CancellationToken ct) =>
        UpsertAsync(siteId, InverterRegionSql, UpsertInverterSql, new { SiteId = siteId, InverterId = inverterId },
            () => InvertersService.NotFound(siteId, inverterId), request, author, ct);

    private Task<UpsertResult> UpsertAsync(string siteId, string regionSql, string upsertSql, object owner, Func<NotFoundException> notFound,
        PutLimitsRequest request, Author author, CancellationToken ct) =>
        AuthoredWrite.RunAsync(db, author, WriteOwners.Site(siteId), async write =>
        {
            // Sorted by start_time: concurrent batches then lock the same rows in the same order.
            var rows = request.Limits.OrderBy(l => l.StartTime).ToArray();
            var (connection, tx) = (write.Connection, write.Transaction);
            var region = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(regionSql, owner, tx, cancellationToken: ct))
                         ?? throw notFound();
            var args = new DynamicParameters(owner);
            args.Add("Now", write.Instant);
            args.Add("StartTimes", rows.Select(r => r.StartTime).ToArray());
            args.Add("DeliveryDays", rows.Select(r => DeliveryDay.Of(r.StartTime, region)).ToArray());
            args.Add("First", rows.Select(r => r.First).ToArray());
            args.Add("Second", rows.Select(r => r.Second).ToArray());
            var upserted = await connection.ExecuteAsync(new CommandDefinition(upsertSql, args, tx, cancellationToken: ct));
            await tx.CommitAsync(ct);
            return new UpsertResult(upserted);
        }, ct);

    private const string SiteExistsSql = "SELECT true FROM sites WHERE id = @SiteId";

    private const string SiteLimitsSql = """
        SELECT start_time, start_time + interval '15 minutes' AS end_time, delivery_day,
               trim_scale(import_power) AS import_power, trim_scale(export_power) AS export_power, updated_at
        FROM site_limits
        WHERE site_id = @SiteId AND start_time >= @From AND start_time < @To
        ORDER BY start_time
        LIMIT @Limit OFFSET @Offset
        """;

    public Task<SlotLimitList<SiteLimit>> GetSiteAsync(string siteId, LimitWindowQuery query, CancellationToken ct) =>
        ListAsync<SiteLimit>(SiteExistsSql, SiteLimitsSql, siteId, null, () => SitesService.NotFound(siteId), query, ct);

    private static readonly string SiteExistsSqlAsOf = AsOf.Sql(SiteExistsSql);
    private static readonly string SiteLimitsSqlAsOf = AsOf.Sql(SiteLimitsSql);

    /// <summary>The site's limits as they were at <paramref name="asOf"/> (contract 6.1); 404 when the site did not exist then.</summary>
    public Task<SlotLimitList<SiteLimit>> GetSiteAsync(string siteId, LimitWindowQuery query, DateTime? asOf, CancellationToken ct) =>
        asOf is not { } at ? GetSiteAsync(siteId, query, ct)
            : ListAsync<SiteLimit>(SiteExistsSqlAsOf, SiteLimitsSqlAsOf, siteId, null, () => AsOf.NotFoundThen("Site", siteId, at), query, ct, at);

    private const string InverterExistsSql = "SELECT true FROM inverters WHERE id = @InverterId AND site_id = @SiteId";

    private const string InverterLimitsSql = """
        SELECT start_time, start_time + interval '15 minutes' AS end_time, delivery_day,
               trim_scale(power_charge) AS power_charge, trim_scale(power_discharge) AS power_discharge, updated_at
        FROM inverter_limits
        WHERE inverter_id = @InverterId AND start_time >= @From AND start_time < @To
        ORDER BY start_time
        LIMIT @Limit OFFSET @Offset
        """;

    public Task<SlotLimitList<InverterLimit>> GetInverterAsync(string siteId, string inverterId, LimitWindowQuery query, CancellationToken ct) =>
        ListAsync<InverterLimit>(InverterExistsSql, InverterLimitsSql, siteId, inverterId, () => InvertersService.NotFound(siteId, inverterId), query, ct);

    private static readonly string InverterExistsSqlAsOf = AsOf.Sql(InverterExistsSql);
    private static readonly string InverterLimitsSqlAsOf = AsOf.Sql(InverterLimitsSql);

    /// <summary>The inverter's limits as they were at <paramref name="asOf"/> (contract 6.1); 404 when the inverter did not exist then.</summary>
    public Task<SlotLimitList<InverterLimit>> GetInverterAsync(string siteId, string inverterId, LimitWindowQuery query, DateTime? asOf, CancellationToken ct) =>
        asOf is not { } at ? GetInverterAsync(siteId, inverterId, query, ct)
            : ListAsync<InverterLimit>(InverterExistsSqlAsOf, InverterLimitsSqlAsOf, siteId, inverterId,
                () => AsOf.NotFoundThen($"Inverter on site {siteId},", inverterId, at), query, ct, at);

    private async Task<SlotLimitList<T>> ListAsync<T>(
        string existsSql, string listSql, string siteId, string? inverterId, Func<NotFoundException> notFound, LimitWindowQuery query, CancellationToken ct,
        DateTime? asOf = null)
    {
        var args = new { SiteId = siteId, InverterId = inverterId, query.From, query.To, query.Page.Limit, query.Page.Offset, AsOf = asOf };
        await using var connection = await db.OpenConnectionAsync(ct);
        if (!await connection.ExecuteScalarAsync<bool>(new CommandDefinition(existsSql, args, cancellationToken: ct))) throw notFound();
        var rows = await connection.QueryAsync<T>(new CommandDefinition(listSql, args, cancellationToken: ct));
        return new SlotLimitList<T>(rows.AsList(), query.Page.Limit, query.Page.Offset);
    }
}
