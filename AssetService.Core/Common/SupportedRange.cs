namespace AssetService.Core.Common;

/// <summary>
/// The instants and dates the service accepts, anywhere (bodies, queries, queue messages). Wide enough
/// for every asset's life and its history; narrow enough that every derived value stays representable:
/// a slot's end (+15 minutes), a delivery day (the market zones are ahead of UTC by one or two hours, so
/// the delivery day of an instant in range is a date in range), the day after a date in range
/// (<see cref="DeliveryDay.Bounds"/>, the limits expansion) and PostgreSQL's timestamptz and date.
/// </summary>
public static class SupportedRange
{
    public static readonly DateTime MinInstant = new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Inclusive, so that the last slot (starting 2099-12-31T23:45:00Z) and a window may end on it.</summary>
    public static readonly DateTime MaxInstant = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static readonly DateOnly MinDate = DateOnly.FromDateTime(MinInstant);
    public static readonly DateOnly MaxDate = DateOnly.FromDateTime(MaxInstant);

    public const string Instants = "from 2000-01-01T00:00:00Z to 2100-01-01T00:00:00Z";
    public const string Dates = "from 2000-01-01 to 2100-01-01";

    public static bool Contains(DateTime utc) => utc >= MinInstant && utc <= MaxInstant;

    public static bool Contains(DateOnly date) => date >= MinDate && date <= MaxDate;
}
