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
    public static string Format(DateTime utc)
    {
        Span<byte> buffer = stackalloc byte[MaxLength];
        return System.Text.Encoding.ASCII.GetString(buffer[..FormatUtf8(utc, buffer)]);
    }

    public const int MaxLength = 27;

    /// <summary>
    /// Writes <c>yyyy-MM-ddTHH:mm:ss[.ffffff]Z</c> (fraction without trailing zeros) and returns its length.
    /// Hand-written because responses of period data carry thousands of timestamps and the custom
    /// format string path of <see cref="DateTime.ToString(string)"/> dominated their serialisation.
    /// </summary>
    public static int FormatUtf8(DateTime utc, Span<byte> destination)
    {
        Digits(destination, 0, utc.Year, 4);
        destination[4] = (byte)'-';
        Digits(destination, 5, utc.Month, 2);
        destination[7] = (byte)'-';
        Digits(destination, 8, utc.Day, 2);
        destination[10] = (byte)'T';
        Digits(destination, 11, utc.Hour, 2);
        destination[13] = (byte)':';
        Digits(destination, 14, utc.Minute, 2);
        destination[16] = (byte)':';
        Digits(destination, 17, utc.Second, 2);
        var length = 19;
        var fraction = (int)(utc.Ticks % TimeSpan.TicksPerSecond) / 10; // microseconds, as PostgreSQL keeps them
        if (fraction > 0)
        {
            var digits = 6;
            while (fraction % 10 == 0) { fraction /= 10; digits--; }
            destination[length++] = (byte)'.';
            Digits(destination, length, fraction, digits);
            length += digits;
        }
        destination[length++] = (byte)'Z';
        return length;
    }

    private static void Digits(Span<byte> destination, int at, int value, int count)
    {
        for (var i = at + count - 1; i >= at; i--)
        {
            destination[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }
}
