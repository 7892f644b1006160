using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace AssetService.Core.Common;

/// <summary>
/// Reads query parameters into typed values, collecting every problem. Arrays accept repeated
/// parameters and comma-separated values, mixed freely; a scalar given twice takes the last value.
/// </summary>
public sealed class QueryReader(IQueryCollection query)
{
    public Problems Problems { get; } = new();

    public static T Bind<T>(IQueryCollection query, Func<QueryReader, T> bind)
    {
        var reader = new QueryReader(query);
        var result = bind(reader);
        reader.Problems.ThrowIfAny();
        return result;
    }

    private string? Raw(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? Storable(name, values[^1]) : null;

    private string? Storable(string name, string? value)
    {
        if (value is null || StorableText.IsStorable(value)) return value;
        Problems.Add("string_unicode", Loc.Query[name], StorableText.Message);
        return null;
    }

    public string? String(string name, bool required = false)
    {
        var value = Raw(name);
        if (value is null && required) Problems.Add("missing", Loc.Query[name], "Field required");
        return value;
    }

    public string? OneOf(string name, Vocabulary vocabulary, bool required = false)
    {
        var value = String(name, required);
        if (value is null || vocabulary.Contains(value)) return value;
        Problems.Add("enum", Loc.Query[name], vocabulary.Expectation);
        return null;
    }

    public IReadOnlyList<string>? List(string name, bool required = false, Vocabulary? vocabulary = null)
    {
        var items = query.TryGetValue(name, out var values)
            ? values.SelectMany(v => (Storable(name, v) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToArray()
            : [];
        if (items.Length == 0)
        {
            if (required) Problems.Add("missing", Loc.Query[name], "Field required (one or more values)");
            return null;
        }
        if (vocabulary is not null)
            for (var i = 0; i < items.Length; i++)
                if (!vocabulary.Contains(items[i])) Problems.Add("enum", Loc.Query[name][i], vocabulary.Expectation);
        return items;
    }

    public DateTime? Timestamp(string name, bool required = false)
    {
        var value = String(name, required);
        return value is not null && Timestamps.TryParse(value, Loc.Query[name], Problems, out var utc) ? utc : null;
    }

    public DateOnly? Date(string name, bool required = false)
    {
        var value = String(name, required);
        return value is not null && Timestamps.TryParseDate(value, Loc.Query[name], Problems, out var date) ? date : null;
    }

    public bool Bool(string name, bool defaultValue = false)
    {
        var value = String(name);
        if (value is null) return defaultValue;
        switch (value.ToLowerInvariant())
        {
            case "true" or "1" or "yes" or "on": return true;
            case "false" or "0" or "no" or "off": return false;
            default:
                Problems.Add("bool_parsing", Loc.Query[name], "Input should be a valid boolean, unable to interpret input");
                return defaultValue;
        }
    }

    public int Int(string name, int defaultValue, int min, int max = int.MaxValue)
    {
        var value = String(name);
        if (value is null) return defaultValue;
        if (!int.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Problems.Add("int_parsing", Loc.Query[name], "Input should be a valid integer, unable to parse string as an integer");
            return defaultValue;
        }
        if (number < min) Problems.Add("greater_than_equal", Loc.Query[name], $"Input should be greater than or equal to {min}");
        else if (number > max) Problems.Add("less_than_equal", Loc.Query[name], $"Input should be less than or equal to {max}");
        return number;
    }

    public Page Page() => new(Int("limit", Common.Page.DefaultLimit, 1, Common.Page.MaxLimit), Int("offset", 0, 0));

    /// <summary>
    /// Latest mode (<c>latest=true</c>, which may not be combined with <c>from</c>/<c>to</c>) or window mode
    /// (<c>from</c> required, <c>to</c> optional). A <c>from</c> after now without <c>to</c> is an empty
    /// window, not an error: only an explicit window is checked.
    /// </summary>
    public (bool Latest, DateTime? From, DateTime? To) LatestOrWindow()
    {
        var latest = Bool("latest");
        var (from, to) = (Timestamp("from"), Timestamp("to"));
        if (latest)
        {
            foreach (var name in new[] { "from", "to" })
                if (query.ContainsKey(name))
                    Problems.Add("value_error", Loc.Query[name], $"'{name}' cannot be combined with latest=true");
        }
        else if (!query.ContainsKey("from"))
            Problems.Add("missing", Loc.Query["from"], "Field required unless latest=true");
        else
            Window(from, to);
        return (latest, from, to);
    }

    /// <summary>Checks <c>from &lt; to</c> and, when given, the longest window allowed.</summary>
    public void Window(DateTime? from, DateTime? to, TimeSpan? maxSpan = null, string fromName = "from", string toName = "to")
    {
        if (from is not { } f || to is not { } t) return;
        if (t <= f) Problems.Add("value_error", Loc.Query[toName], $"'{toName}' must be after '{fromName}'");
        else if (maxSpan is { } span && t - f > span)
            Problems.Add("value_error", Loc.Query[toName], $"The window from '{fromName}' to '{toName}' may span at most {span.TotalDays:0} days");
    }
}
