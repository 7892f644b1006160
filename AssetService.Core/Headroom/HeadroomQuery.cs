using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Headroom;

/// <summary>
/// The window of a headroom read (contract 7.2): <c>from</c>/<c>to</c> on quarter hours and at most
/// <see cref="MaxDeliveryDays"/> delivery days beginning in [from, to), so a local week across a DST
/// change is accepted and a local week and a quarter hour is not.
/// </summary>
public sealed record HeadroomWindow(DateTime From, DateTime To)
{
    public const int MaxDeliveryDays = 7;

    /// <summary>The quarter hours of [from, to), the same UTC instants for every asset.</summary>
    public int Slots => (int)((To - From).Ticks / QuarterHour.Length.Ticks);

    public DateTime Slot(int k) => From + k * QuarterHour.Length;

    // Counted in the German market zone: the Polish one has the same offsets and DST changes over the
    // supported range (DeliveryDayTests), so the count holds for each asset's zone without reading a region.
    private const string CountingRegion = "DE";

    public static HeadroomWindow Read(QueryReader q)
    {
        var from = q.Timestamp("from", required: true, doc: "Start of the window (inclusive), on a quarter hour, with an offset.");
        var to = q.Timestamp("to", required: true, doc: "End of the window (exclusive), on a quarter hour. At most 7 delivery days of the market zone " +
            "may begin in [from, to): a local week across a DST change is accepted, a local week and a quarter hour is a 422.");
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
            if (value is { } v && !QuarterHour.IsStart(v))
                q.Problems.Add("value_error", Loc.Query[name], $"'{name}' must be on a quarter hour (:00, :15, :30 or :45) with zero seconds");
        q.Window(from, to);
        if (from is { } f && to is { } t && t > f && QuarterHour.IsStart(f) && QuarterHour.IsStart(t) &&
            DeliveryDay.CountBeginning(f, t, CountingRegion, MaxDeliveryDays) > MaxDeliveryDays)
            q.Problems.Add("value_error", Loc.Query["to"],
                $"At most {MaxDeliveryDays} delivery days of the market zone may begin in [from, to): a local week across a DST change is the longest window");
        return new HeadroomWindow(from ?? default, to ?? default);
    }
}

/// <summary><c>GET /api/v1/headroom</c>: assets, window and a page of items ordered by (asset_id, start_time).</summary>
public sealed record HeadroomQuery(IReadOnlyList<string> AssetIds, HeadroomWindow Window, Page Page)
{
    public static readonly QueryShape<HeadroomQuery> Shape = new(["GetHeadroom"], q =>
        new HeadroomQuery(q.List("asset_ids", required: true, doc: ParameterDocs.AssetIds) ?? [], HeadroomWindow.Read(q), q.Page()));

    public static HeadroomQuery Bind(IQueryCollection query) => Shape.Bind(query);
}

/// <summary><c>GET /api/v1/sites/{site_id}/headroom</c>: window and a page of quarter hours.</summary>
public sealed record SiteHeadroomQuery(HeadroomWindow Window, Page Page)
{
    public static readonly QueryShape<SiteHeadroomQuery> Shape = new(["GetSiteHeadroom"], q =>
        new SiteHeadroomQuery(HeadroomWindow.Read(q), q.Page()));

    public static SiteHeadroomQuery Bind(IQueryCollection query) => Shape.Bind(query);
}
