using System.Globalization;
using System.Text.RegularExpressions;
using AssetService.Core.Changes;
using Npgsql;
using NpgsqlTypes;

namespace AssetService.Core.Headroom;

/// <summary>
/// Reads the inputs of a headroom answer in one round trip: one <see cref="NpgsqlBatch"/> of statements
/// that each start from the same set of assets (the page's, or a site's) and return one input each, over
/// the whole window of the request. Parameters: $1 asset ids (or the site id as a one-element array),
/// $2 from, $3 to, $4/$5 offset and count of the page's assets, $6 as_of (null: now).
/// </summary>
internal static class HeadroomInputsReader
{
    /// <summary>Whose headroom: a page of the requested assets, ordered by id.</summary>
    public const string AssetPage = """
        page AS (SELECT id FROM assets WHERE id = ANY($1) ORDER BY id OFFSET $4 LIMIT $5),
        page_sites AS (
            SELECT DISTINCT i.site_id FROM page JOIN inverter_assets ia ON ia.asset_id = page.id JOIN inverters i ON i.id = ia.inverter_id)
        """;

    /// <summary>Whose headroom: every asset on the site's inverters.</summary>
    public const string SitePage = """
        page AS (
            SELECT ia.asset_id AS id FROM inverters i JOIN inverter_assets ia ON ia.inverter_id = i.id WHERE i.site_id = ($1::text[])[1]),
        page_sites AS (SELECT ($1::text[])[1] AS site_id)
        """;

    private const string AssetsSql = """
        SELECT a.id, a.type, a.region, ia.inverter_id
        FROM page JOIN assets a ON a.id = page.id LEFT JOIN inverter_assets ia ON ia.asset_id = a.id
        ORDER BY a.id
        """;

    // Every inverter of the sites involved, with every asset on it: their positions share the bounds.
    private const string InvertersSql = """
        SELECT i.id, i.site_id, i.rated_power, ia.asset_id
        FROM page_sites s JOIN inverters i ON i.site_id = s.site_id LEFT JOIN inverter_assets ia ON ia.inverter_id = i.id
        ORDER BY i.id, ia.asset_id
        """;

    // The position of a slot is the sum over all its reservation rows (contract 7.1), of the page's
    // assets and of every asset sharing an inverter or site with them.
    private const string PositionsSql = """
        , scope AS (
            SELECT id FROM page
            UNION SELECT ia.asset_id FROM page_sites s JOIN inverters i ON i.site_id = s.site_id JOIN inverter_assets ia ON ia.inverter_id = i.id)
        SELECT r.asset_id, r.start_time, sum(r.power), sum(r.energy_change), sum(r.energy_buffer_low), sum(r.energy_buffer_high)
        FROM scope JOIN reservations r ON r.asset_id = scope.id
        WHERE r.start_time >= $2 AND r.start_time < $3
        GROUP BY r.asset_id, r.start_time
        """;

    // The latest snapshot at or before from, and the energy_change reserved from its instant up to from.
    // Snapshots keep no history: as_of takes those created by then (docs/decisions.md, Headroom).
    private const string StatesSql = """
        SELECT s.asset_id, s.effective_at, s.stored_energy, COALESCE(before.energy_change, 0)
        FROM page
        CROSS JOIN LATERAL (
            SELECT asset_id, effective_at, stored_energy FROM state_snapshots
            WHERE asset_id = page.id AND effective_at <= $2 AND ($6::timestamptz IS NULL OR created_at <= $6)
            ORDER BY effective_at DESC
            LIMIT 1) s
        LEFT JOIN LATERAL (
            SELECT sum(r.energy_change) AS energy_change FROM reservations r
            WHERE r.asset_id = s.asset_id AND r.start_time >= s.effective_at AND r.start_time < $2) before ON true
        """;

    private const string LimitsSql = """
        SELECT l.asset_id, l.start_time, l.source, l.power_charge, l.power_discharge, l.energy_low, l.energy_high, l.trading_locked
        FROM page JOIN asset_limits l ON l.asset_id = page.id
        WHERE l.start_time >= $2 AND l.start_time < $3
        """;

    private const string SpecsSql = """
        SELECT s.asset_id, s.valid_from, s.valid_to, s.rated_power, s.grid_connection_max_power, s.max_capacity,
               s.charge_efficiency, s.discharge_efficiency
        FROM page JOIN specs s ON s.asset_id = page.id
        WHERE s.valid_from < $3 AND (s.valid_to IS NULL OR s.valid_to > $2)
        """;

    private const string ForecastsSql = """
        SELECT f.asset_id, f.start_time, f.generation
        FROM page JOIN assets a ON a.id = page.id AND a.type = 'PV' JOIN forecasts f ON f.asset_id = page.id
        WHERE f.start_time >= $2 AND f.start_time < $3
        """;

    private const string InverterLimitsSql = """
        SELECT l.inverter_id, l.start_time, l.power_charge, l.power_discharge
        FROM page_sites s JOIN inverters i ON i.site_id = s.site_id JOIN inverter_limits l ON l.inverter_id = i.id
        WHERE l.start_time >= $2 AND l.start_time < $3
        """;

    private const string SiteLimitsSql = """
        SELECT l.site_id, l.start_time, l.import_power, l.export_power
        FROM page_sites s JOIN site_limits l ON l.site_id = s.site_id
        WHERE l.start_time >= $2 AND l.start_time < $3
        """;

    /// <summary>The batch's statements for a page definition, now and as of $6.</summary>
    public sealed record Statements(string[] Now, string[] AsOf)
    {
        public static Statements For(string page)
        {
            string[] now = [.. new[] { AssetsSql, InvertersSql, StatesSql, LimitsSql, SpecsSql, ForecastsSql, InverterLimitsSql, SiteLimitsSql }
                .Select(sql => $"WITH {page}\n{sql}"), $"WITH {page}\n{PositionsSql}"];
            // The states' reservations reach back to each snapshot's instant, before the window.
            string[] asOf = [.. now.Select((sql, i) => sql == now[2] ? Changes.AsOf.Sql(sql, "$6", "s.effective_at", "$2") : Changes.AsOf.Sql(sql, "$6", "$2", "$3"))];
            return new Statements(now, asOf);
        }
    }

    public static async Task<HeadroomInputs> ReadAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, Statements statements, string[] ids, HeadroomWindow window,
        long assetOffset, long assetCount, DateTime? asOf, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var sql in asOf is null ? statements.Now : statements.AsOf)
            batch.BatchCommands.Add(new NpgsqlBatchCommand(sql)
            {
                Parameters =
                {
                    new NpgsqlParameter<string[]> { TypedValue = ids },
                    new NpgsqlParameter<DateTime> { TypedValue = window.From },
                    new NpgsqlParameter<DateTime> { TypedValue = window.To },
                    new NpgsqlParameter<long> { TypedValue = assetOffset },
                    new NpgsqlParameter<long> { TypedValue = assetCount },
                    new() { Value = (object?)asOf ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
                },
            });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var assets = await RowsAsync(reader, r => new HeadroomAsset(r.GetString(0), r.GetString(1), r.GetString(2), NullableString(r, 3)), ct);
        var inverterRows = await NextAsync(reader, r => (Id: r.GetString(0), SiteId: r.GetString(1), RatedPower: r.GetDecimal(2), AssetId: NullableString(r, 3)), ct);
        var states = await NextAsync(reader, r => new StateInput(r.GetString(0), r.GetDateTime(1), r.GetDecimal(2), r.GetDecimal(3)), ct);
        var limits = await NextAsync(reader, r => new LimitInput(r.GetString(0), r.GetDateTime(1), r.GetString(2),
            NullableDecimal(r, 3), NullableDecimal(r, 4), NullableDecimal(r, 5), NullableDecimal(r, 6), r.IsDBNull(7) ? null : r.GetBoolean(7)), ct);
        var specs = await NextAsync(reader, r => new SpecInput(r.GetString(0), r.GetDateTime(1), r.IsDBNull(2) ? null : r.GetDateTime(2),
            NullableDecimal(r, 3), NullableDecimal(r, 4), NullableDecimal(r, 5), NullableDecimal(r, 6), NullableDecimal(r, 7)), ct);
        var forecasts = await NextAsync(reader, r => new ForecastInput(r.GetString(0), r.GetDateTime(1), r.GetDecimal(2)), ct);
        var inverterLimits = await NextAsync(reader, r => new InverterLimitInput(r.GetString(0), r.GetDateTime(1), NullableDecimal(r, 2), NullableDecimal(r, 3)), ct);
        var siteLimits = await NextAsync(reader, r => new SiteLimitInput(r.GetString(0), r.GetDateTime(1), NullableDecimal(r, 2), NullableDecimal(r, 3)), ct);
        var positions = await NextAsync(reader, r => new PositionInput(r.GetString(0), r.GetDateTime(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(4), r.GetDecimal(5)), ct);
        var inverters = inverterRows.GroupBy(i => i.Id).Select(g => new InverterInput(g.Key, g.First().SiteId, g.First().RatedPower,
            [.. g.Select(i => i.AssetId).OfType<string>()])).ToArray();
        return new HeadroomInputs(window, assets, limits, specs, positions, states, forecasts, inverters, inverterLimits, siteLimits);
    }

    /// <summary>
    /// The values of one read as SQL literals for $1..$6, so that pgbench runs the same statements as the service
    /// (bench/headroom.sh, through <c>AssetService.LocalHost headroom-sql</c>). Never for serving: the service binds parameters.
    /// </summary>
    public static Dictionary<string, string> Literals(string[] ids, HeadroomWindow window, long assetOffset, long assetCount) => new()
    {
        ["$1"] = Text("{" + string.Join(',', ids) + "}") + "::text[]",
        ["$2"] = Text(Common.Timestamps.Format(window.From)) + "::timestamptz",
        ["$3"] = Text(Common.Timestamps.Format(window.To)) + "::timestamptz",
        ["$4"] = assetOffset.ToString(CultureInfo.InvariantCulture),
        ["$5"] = assetCount.ToString(CultureInfo.InvariantCulture),
        ["$6"] = "NULL::timestamptz",
    };

    /// <summary>The statement with each placeholder of <paramref name="literals"/> replaced (whole tokens: <c>$1</c> is not the start of <c>$10</c>).</summary>
    public static string Inline(string sql, IReadOnlyDictionary<string, string> literals) =>
        Regex.Replace(sql, @"[$@][A-Za-z0-9_]+", m => literals.GetValueOrDefault(m.Value, m.Value));

    private static string Text(string value) => "'" + value.Replace("'", "''") + "'";

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static decimal? NullableDecimal(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDecimal(i);

    private static async Task<List<T>> NextAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> row, CancellationToken ct)
    {
        await reader.NextResultAsync(ct);
        return await RowsAsync(reader, row, ct);
    }

    private static async Task<List<T>> RowsAsync<T>(NpgsqlDataReader reader, Func<NpgsqlDataReader, T> row, CancellationToken ct)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(ct)) rows.Add(row(reader));
        return rows;
    }
}
