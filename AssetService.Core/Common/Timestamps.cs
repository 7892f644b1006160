using System.Globalization;
using System.Text.RegularExpressions;

namespace AssetService.Core.Common;

/// <summary>RFC 3339 timestamps with an explicit offset; everything inside the service is UTC.</summary>
public static partial class Timestamps
{
    // RFC 3339 date-time (a space for the T, as ISO 8601 profiles allow; seconds optional as pydantic accepts).
    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?:([Zz])|([+-])(\d{2}):(\d{2}))$")]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")]
    private static partial Regex WithoutOffset();

    [GeneratedRegex(@"^(\d{4})-(\d{2})-(\d{2})$")]
    private static partial Regex DateOnlyPattern();

    /// <summary>
    /// Parses a timestamp inside <see cref="SupportedRange"/>; on failure adds a pydantic-style problem at
    /// <paramref name="loc"/>. A valid RFC 3339 text outside the range gets a message naming the range.
    /// Fractions finer than a microsecond are dropped: PostgreSQL keeps microseconds, so two texts are one
    /// key here exactly when they are one key there.
    /// </summary>
    public static bool TryParse(string text, Loc loc, Problems problems, out DateTime utc)
    {
        utc = default;
        var match = WithOffset().Match(text);
        if (!match.Success)
        {
            if (WithoutOffset().IsMatch(text))
                problems.Add("timezone_aware", loc, "Input should have timezone info");
            else
                problems.Add("datetime_parsing", loc, "Input should be a valid RFC 3339 datetime with an offset, e.g. 2026-03-29T00:00:00Z");
            return false;
        }
        int Part(int group) => match.Groups[group].Success ? int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture) : 0;
        var (year, month, day, hour, minute, second) = (Part(1), Part(2), Part(3), Part(4), Part(5), Part(6));
        var (offsetHours, offsetMinutes) = (Part(10), Part(11));
        if (!IsCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59)
        {
            problems.Add("datetime_parsing", loc, "Input should be a valid RFC 3339 datetime with an offset, e.g. 2026-03-29T00:00:00Z");
            return false;
        }
        if (second == 60)
        {
            problems.Add("value_error", loc, "Leap seconds (:60) are not supported; the service counts UTC without them");
            return false;
        }
        // Outside 1999..2100 the instant is out of range whatever the offset; inside, DateTime holds it.
        if (year is >= 1999 and <= 2100)
        {
            var fraction = match.Groups[7].Success ? match.Groups[7].Value : "";
            var microseconds = int.Parse(fraction.PadRight(6, '0')[..6], CultureInfo.InvariantCulture);
            var offset = new TimeSpan(offsetHours, offsetMinutes, 0) * (match.Groups[9].Value == "-" ? -1 : 1);
            utc = DateTime.SpecifyKind(new DateTime(year, month, day, hour, minute, second).AddTicks(microseconds * 10L) - offset, DateTimeKind.Utc);
            if (SupportedRange.Contains(utc)) return true;
            utc = default;
        }
        problems.Add("value_error", loc, $"Input should be an instant {SupportedRange.Instants}, the range the service supports");
        return false;
    }

    public static bool TryParseDate(string text, Loc loc, Problems problems, out DateOnly date)
    {
        date = default;
        var match = DateOnlyPattern().Match(text);
        int Part(int group) => int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);
        if (!match.Success || !IsCalendarDate(Part(1), Part(2), Part(3)))
        {
            problems.Add("date_parsing", loc, "Input should be a valid date in the format YYYY-MM-DD");
            return false;
        }
        if (Part(1) is >= 2000 and <= 2100 && SupportedRange.Contains(new DateOnly(Part(1), Part(2), Part(3))))
        {
            date = new DateOnly(Part(1), Part(2), Part(3));
            return true;
        }
        problems.Add("value_error", loc, $"Input should be a date {SupportedRange.Dates}, the range the service supports");
        return false;
    }

    /// <summary>The proleptic Gregorian calendar of RFC 3339, year 0000 included.</summary>
    private static bool IsCalendarDate(int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1) return false;
        var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        int[] days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        return day <= days[month - 1];
    }

    /// <summary>The wire form: UTC with <c>Z</c>, microseconds only when present.</summary>
    public static string Format(DateTime utc) => Wire(utc).ToString(WireFormat, CultureInfo.InvariantCulture);

    /// <summary>As <see cref="Format"/>, into <paramref name="destination"/> (at least 28 characters) rather than a new string.</summary>
    public static bool TryFormat(DateTime utc, Span<char> destination, out int written) =>
        Wire(utc).TryFormat(destination, out written, WireFormat, CultureInfo.InvariantCulture);

    private const string WireFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'";

    /// <summary>
    /// The instant as the wire carries it: UTC, cut to the microseconds PostgreSQL keeps. The standard
    /// JSON writer then formats it as the wire wants (<c>Z</c>, fraction without trailing zeros); a
    /// hand-written UTF-8 formatter was measured slower than it and removed.
    /// </summary>
    public static DateTime Wire(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
