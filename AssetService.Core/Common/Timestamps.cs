using System.Globalization;
using System.Text.RegularExpressions;

namespace AssetService.Core.Common;

/// <summary>RFC 3339 timestamps with an explicit offset; everything inside the service is UTC.</summary>
public static partial class Timestamps
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex WithOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$")]
    private static partial Regex WithoutOffset();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    private static partial Regex DateOnlyPattern();

    /// <summary>Parses a timestamp; on failure adds a pydantic-style problem at <paramref name="loc"/>.</summary>
    public static bool TryParse(string text, Loc loc, Problems problems, out DateTime utc)
    {
        utc = default;
        if (WithOffset().IsMatch(text) &&
            DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) &&
            parsed.UtcDateTime.Year is >= 1 and <= 9998)
        {
            utc = parsed.UtcDateTime;
            return true;
        }

        if (WithoutOffset().IsMatch(text))
            problems.Add("timezone_aware", loc, "Input should have timezone info");
        else
            problems.Add("datetime_parsing", loc, "Input should be a valid RFC 3339 datetime with an offset, e.g. 2026-03-29T00:00:00Z");
        return false;
    }

    public static bool TryParseDate(string text, Loc loc, Problems problems, out DateOnly date)
    {
        if (DateOnlyPattern().IsMatch(text) &&
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            return true;
        date = default;
        problems.Add("date_parsing", loc, "Input should be a valid date in the format YYYY-MM-DD");
        return false;
    }

    /// <summary>The wire form: UTC with <c>Z</c>, microseconds only when present.</summary>
    public static string Format(DateTime utc) => Wire(utc).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// The instant as the wire carries it: UTC, cut to the microseconds PostgreSQL keeps. The standard
    /// JSON writer then formats it as the wire wants (<c>Z</c>, fraction without trailing zeros); a
    /// hand-written UTF-8 formatter was measured slower than it and removed.
    /// </summary>
    public static DateTime Wire(DateTime utc) => new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
}
