using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Sites;

/// <summary>Point-of-connection limits of a site for one 15-minute slot, in MW (>= 0; null: no limit).</summary>
public sealed record SiteLimit(DateTime StartTime, DateTime EndTime, DateOnly DeliveryDay, decimal? ImportPower, decimal? ExportPower, DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(SiteLimit), "SiteLimit", "A stored site limit slot.")
    {
        [nameof(StartTime)] = Wire.SlotTimestamp,
        [nameof(EndTime)] = Wire.SlotTimestamp,
        [nameof(ImportPower)] = Wire.Number(min: 0).Described("MW"),
        [nameof(ExportPower)] = Wire.Number(min: 0).Described("MW"),
    };
}

/// <summary>Limits of one inverter for one 15-minute slot, in MW: charge &lt;= 0, discharge >= 0 (null: no limit).</summary>
public sealed record InverterLimit(DateTime StartTime, DateTime EndTime, DateOnly DeliveryDay, decimal? PowerCharge, decimal? PowerDischarge, DateTime UpdatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(InverterLimit), "InverterLimit", "A stored inverter limit slot.")
    {
        [nameof(StartTime)] = Wire.SlotTimestamp,
        [nameof(EndTime)] = Wire.SlotTimestamp,
        [nameof(PowerCharge)] = Wire.Number(max: 0).Described("MW"),
        [nameof(PowerDischarge)] = Wire.Number(min: 0).Described("MW"),
    };
}

/// <summary>A page of site or inverter limits, ordered by start_time.</summary>
public sealed record SlotLimitList<T>(IReadOnlyList<T> Limits, int Limit, int Offset);

/// <summary>One slot of a limits PUT: its start and the two values, which may be null.</summary>
public sealed record LimitEntry(DateTime StartTime, decimal? First, decimal? Second);

/// <summary>
/// <c>{"limits": [1..10000]}</c>, one 15-minute slot each, overwriting by start_time; delivery_day is the
/// server's. The same start_time twice is a 422 naming both positions.
/// </summary>
public sealed record PutLimitsRequest(IReadOnlyList<LimitEntry> Limits)
{
    public const int MaxRows = 10_000;

    public static readonly ObjectShape<PutLimitsRequest> Site = Shape("PutSiteLimitsRequest", new("SiteLimitEntry",
        "A point-of-connection limit for one slot.", row => Entry(row,
            ("import_power", Fields.Number("MW", min: 0).Doc("MW the site may draw, >= 0; null for no limit.")),
            ("export_power", Fields.Number("MW", min: 0).Doc("MW the site may feed in, >= 0; null for no limit.")))));

    public static readonly ObjectShape<PutLimitsRequest> Inverter = Shape("PutInverterLimitsRequest", new("InverterLimitEntry",
        "An inverter limit for one slot.", row => Entry(row,
            ("power_charge", Fields.Number("MW", max: 0).Doc("MW, <= 0; null or absent for no limit.")),
            ("power_discharge", Fields.Number("MW", min: 0).Doc("MW, >= 0; null or absent for no limit.")))));

    public static PutLimitsRequest BindSite(JsonElement body) => Site.Bind(body);

    public static PutLimitsRequest BindInverter(JsonElement body) => Inverter.Bind(body);

    private static ObjectShape<PutLimitsRequest> Shape(string name, ObjectShape<LimitEntry> entry) => new(name, "Slots to write, all or nothing.", o =>
    {
        var limits = o.Required("limits", Fields.List(entry.Parser, 1, MaxRows));
        if (limits is not null) NaturalKeys.CheckUnique(limits, l => Timestamps.Format(l.StartTime), o.Loc["limits"], o.Problems);
        return new PutLimitsRequest(limits ?? []);
    });

    private static LimitEntry Entry(JsonObject row, (string Name, FieldParser<decimal> Parser) first, (string Name, FieldParser<decimal> Parser) second)
    {
        var start = QuarterHour.ReadSlot(row);
        row.Forbidden("delivery_day", "delivery_day is derived by the server from start_time");
        return new LimitEntry(start, row.Nullable(first.Name, first.Parser), row.Nullable(second.Name, second.Parser));
    }
}

/// <summary>
/// <c>from</c> and <c>to</c> (required): slots with start_time in [from, to), in which at most
/// <c>maxDeliveryDays</c> delivery days of the market zone begin (contract section 3).
/// </summary>
public sealed record LimitWindowQuery(DateTime From, DateTime To, Page Page)
{
    public const int SiteMaxDeliveryDays = 31;
    public const int InverterMaxDeliveryDays = 7;

    // Counted in the German market zone before the site is read: the Polish one (Europe/Warsaw) has the
    // same offsets and DST changes over the supported range, so the count is the same for every site
    // (DeliveryDayTests checks both zones).
    private const string CountingRegion = "DE";

    public static readonly QueryShape<LimitWindowQuery> Site = Shape("GetSiteLimits", SiteMaxDeliveryDays);
    public static readonly QueryShape<LimitWindowQuery> Inverter = Shape("GetSiteInverterLimits", InverterMaxDeliveryDays);

    private static QueryShape<LimitWindowQuery> Shape(string operation, int maxDeliveryDays) => new([operation], q =>
    {
        var from = q.Timestamp("from", required: true, doc: ParameterDocs.WindowFrom);
        var to = q.Timestamp("to", required: true, doc: ParameterDocs.WindowTo);
        q.Window(from, to);
        if (from is { } f && to is { } t && t > f && DeliveryDay.CountBeginning(f, t, CountingRegion, maxDeliveryDays) > maxDeliveryDays)
            q.Problems.Add("value_error", Loc.Query["to"],
                $"At most {maxDeliveryDays} delivery days of the market zone may begin in the window from 'from' to 'to'");
        return new LimitWindowQuery(from ?? default, to ?? default, q.Page());
    });
}

/// <summary>The pages of site and inverter limit slots.</summary>
public static class SlotLimitLists
{
    public static readonly ResponseShape Sites = ResponseShape.Page(typeof(SlotLimitList<SiteLimit>), "SiteLimitListResponse",
        "A page of site limit slots ordered by start_time.");

    public static readonly ResponseShape Inverters = ResponseShape.Page(typeof(SlotLimitList<InverterLimit>), "InverterLimitListResponse",
        "A page of inverter limit slots ordered by start_time.");
}
