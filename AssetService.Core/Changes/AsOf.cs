using System.Text.RegularExpressions;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Changes;

/// <summary>
/// The optional <c>as_of</c> query parameter of the reads listed in contract 6.1, and the rewrite of a
/// read's SQL into the same read over the state of then.
/// </summary>
public sealed partial class AsOf(TimeProvider clock, HistorySettings settings)
{
    public const string Parameter = "as_of";

    public static readonly QueryShape<DateTime?> Shape = new(
        ["ListAssets", "GetAsset", "GetLimits", "GetForecasts", "GetReservations", "GetSpecs", "GetSite", "GetSiteLimits",
            "GetSiteInverterLimits", "GetHeadroom", "GetSiteHeadroom"],
        q => q.Timestamp(Parameter, doc: ParameterDoc.Shared("AsOf",
            "Answer as the same request (same filters, same paging) answered at this instant, with the `created_at`/`updated_at` of then: " +
            "rows deleted later are present, rows created later absent. Later than now, or older than `HistoryRetentionDays` (default 400) " +
            "days, is a 422; the latter names the oldest answerable instant. Omitted: the current state.", "2026-04-01T09:45:00Z")));

    /// <summary>The instant to read at, or null for the current state; a 422 when it is in the future or older than kept.</summary>
    public DateTime? Read(IQueryCollection query) => Shape.Bind(query, (reader, read) =>
    {
        if (read is not { } asOf) return (DateTime?)null;
        var now = clock.GetUtcNow().UtcDateTime;
        var oldest = settings.OldestAnswerable(now);
        if (asOf > now)
            reader.Problems.Add("value_error", Loc.Query[Parameter], "'as_of' must not be in the future");
        else if (asOf < oldest)
            reader.Problems.Add("value_error", Loc.Query[Parameter],
                $"History is kept for {settings.RetentionDays} days: the oldest answerable 'as_of' is {Timestamps.Format(oldest)}");
        return asOf;
    });

    /// <summary>The 404 of a single-resource read for something that did not exist at <paramref name="asOf"/>.</summary>
    public static NotFoundException NotFoundThen(string kind, string id, DateTime asOf) =>
        new($"{kind} {id} did not exist at {Timestamps.Format(asOf)}");

    // A captured table after FROM or JOIN becomes its <table>_as_of(@AsOf) function (migration 0008):
    // the same query, the same filters and paging, over the versions valid at @AsOf. The period tables'
    // functions also take the read's period, so that they reach only the history of those days.
    [GeneratedRegex(@"\b(FROM|JOIN)(\s+)(assets|specs|asset_limits|forecasts|reservations|sites|inverters|inverter_assets|site_limits|inverter_limits)\b(?![_(])")]
    private static partial Regex CapturedTable();

    private static readonly HashSet<string> PeriodTables = ["asset_limits", "forecasts", "reservations", "site_limits", "inverter_limits"];

    /// <summary>
    /// The read <paramref name="sql"/> over the state at the parameter <paramref name="parameter"/>
    /// (<c>@AsOf</c> for Dapper; a positional <c>$n</c> for a statement with positional parameters).
    /// A read of period data must filter <c>start_time</c> to [<paramref name="from"/>, <paramref name="to"/>).
    /// </summary>
    public static string Sql(string sql, string parameter = "@AsOf", string from = "@From", string to = "@To")
    {
        var rewritten = CapturedTable().Replace(sql, m =>
        {
            var table = m.Groups[3].Value;
            var arguments = PeriodTables.Contains(table) ? $"{parameter}, {from}, {to}" : parameter;
            return $"{m.Groups[1].Value}{m.Groups[2].Value}{table}_as_of({arguments})";
        });
        return rewritten != sql ? rewritten : throw new ArgumentException("The SQL reads no table that keeps history", nameof(sql));
    }
}
