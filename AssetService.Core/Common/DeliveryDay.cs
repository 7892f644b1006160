namespace AssetService.Core.Common;

/// <summary>
/// The delivery day of a slot: the calendar date of its start in the market time zone of the region
/// (DE: Europe/Berlin, PL: Europe/Warsaw). Never accepted from clients; computed here and stored with
/// each row. DST days hold 92 or 100 quarter hours.
/// </summary>
public static class DeliveryDay
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById(MarketZoneId("DE"));
    private static readonly TimeZoneInfo Warsaw = TimeZoneInfo.FindSystemTimeZoneById(MarketZoneId("PL"));

    public static TimeZoneInfo MarketZone(string region) => region switch
    {
        "DE" => Berlin,
        "PL" => Warsaw,
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown region"),
    };

    /// <summary>The IANA name of the region's market zone, as PostgreSQL's <c>AT TIME ZONE</c> takes it.</summary>
    public static string MarketZoneId(string region) => region switch
    {
        "DE" => "Europe/Berlin",
        "PL" => "Europe/Warsaw",
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "Unknown region"),
    };

    public static DateOnly Of(DateTime startUtc, string region) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(startUtc, DateTimeKind.Utc), MarketZone(region)));

    /// <summary>
    /// How many delivery days of the region begin in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>),
    /// counted up to <paramref name="cap"/> + 1 (a longer window is refused anyway): a local month across
    /// a DST change is 31 days, though 31 days and one hour long.
    /// </summary>
    public static int CountBeginning(DateTime fromUtc, DateTime toUtc, string region, int cap)
    {
        var day = Of(fromUtc, region);
        if (Bounds(day, region).StartUtc < fromUtc) day = day.AddDays(1);
        var count = 0;
        while (count <= cap && Bounds(day, region).StartUtc < toUtc)
            (count, day) = (count + 1, day.AddDays(1));
        return count;
    }

    /// <summary>[start, end) of a delivery day in UTC.</summary>
    public static (DateTime StartUtc, DateTime EndUtc) Bounds(DateOnly day, string region)
    {
        var zone = MarketZone(region);
        return (TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), zone),
                TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone));
    }
}
