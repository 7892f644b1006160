using System.Globalization;
using Microsoft.AspNetCore.Http;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>
/// Reads query parameters into typed values, collecting every problem. Arrays accept repeated
/// parameters and comma-separated values, mixed freely; a scalar given twice takes the last value.
/// Every read also declares its parameter (name, schema, required, <c>doc</c>) for <see cref="Describe"/>.
/// </summary>
public sealed class QueryReader
{
    private readonly IQueryCollection query;

    // Set when the binder runs to be described (QueryShape): it reads an empty query and every parameter
    // it asks for is recorded, as if that parameter were missing.
    private readonly List<QueryParameter>? described;

    internal QueryReader(IQueryCollection query, List<QueryParameter>? described = null)
    {
        this.query = query;
        this.described = described;
    }

    public Problems Problems { get; } = new();

    /// <summary>The parameters <paramref name="bind"/> reads, in order: what the document lists for its operations.</summary>
    public static IReadOnlyList<QueryParameter> Describe<T>(Func<QueryReader, T> bind)
    {
        var parameters = new List<QueryParameter>();
        bind(new QueryReader(QueryCollection.Empty, parameters));
        return parameters;
    }

    /// <summary>Whether the parameter is given at all (for checks between parameters; declares nothing).</summary>
    public bool Has(string name) => query.ContainsKey(name);

    // Only while described: a request's read builds no schema.
    private bool Describing => described is not null;

    private void Declare(string name, bool required, ParameterDoc? doc, FieldSchema schema, bool several = false) =>
        described!.Add(new QueryParameter(name, schema, required, doc, several));

    private string? Raw(string name) => query.TryGetValue(name, out var values) && values.Count > 0 ? Storable(name, values[^1]) : null;

    private string? Storable(string name, string? value)
    {
        if (value is null || StorableText.IsStorable(value)) return value;
        Problems.Add("string_unicode", Loc.Query[name], StorableText.Message);
        return null;
    }

    private string? Text(string name, bool required)
    {
        var value = Raw(name);
        if (value is null && required) Problems.Add("missing", Loc.Query[name], "Field required");
        return value;
    }

    public string? String(string name, bool required = false, ParameterDoc? doc = null)
    {
        if (Describing) Declare(name, required, doc, Wire.Text);
        return Text(name, required);
    }

    public string? OneOf(string name, Vocabulary vocabulary, bool required = false, ParameterDoc? doc = null)
    {
        if (Describing) Declare(name, required, doc, Fields.OneOf(vocabulary).Schema);
        var value = Text(name, required);
        if (value is null || vocabulary.Contains(value)) return value;
        Problems.Add("enum", Loc.Query[name], vocabulary.Expectation);
        return null;
    }

    public IReadOnlyList<string>? List(string name, bool required = false, Vocabulary? vocabulary = null, ParameterDoc? doc = null)
    {
        if (Describing)
        {
            if (vocabulary is { ListComponent: null, Values.Count: 1 })
                // The list can only repeat its one value: documented as that value, which generators type as the enum.
                Declare(name, required, doc, Fields.OneOf(vocabulary).Schema);
            else
                Declare(name, required, doc, ListSchema(name, required, vocabulary), several: true);
        }
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

    public DateTime? Timestamp(string name, bool required = false, ParameterDoc? doc = null)
    {
        if (Describing) Declare(name, required, doc, Fields.Timestamp.Schema);
        var value = Text(name, required);
        return value is not null && Timestamps.TryParse(value, Loc.Query[name], Problems, out var utc) ? utc : null;
    }

    public DateOnly? Date(string name, bool required = false, ParameterDoc? doc = null)
    {
        if (Describing) Declare(name, required, doc, Fields.Date.Schema);
        var value = Text(name, required);
        return value is not null && Timestamps.TryParseDate(value, Loc.Query[name], Problems, out var date) ? date : null;
    }

    public bool Bool(string name, bool defaultValue = false, ParameterDoc? doc = null)
    {
        if (Describing) Declare(name, false, doc, FieldSchema.Inline(_ => new SchemaNode { ["type"] = "boolean", ["default"] = defaultValue }));
        var value = Text(name, false);
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

    public int Int(string name, int defaultValue, int min, int max = int.MaxValue, ParameterDoc? doc = null)
    {
        if (Describing) Declare(name, false, doc, FieldSchema.Inline(_ => IntSchema(defaultValue, min, max)));
        var value = Text(name, false);
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

    public Page Page() => new(Int("limit", Common.Page.DefaultLimit, 1, Common.Page.MaxLimit, Limit), Int("offset", 0, 0, doc: Offset));

    private static readonly ParameterDoc Limit = ParameterDoc.Shared("Limit", $"Page size, 1..{Common.Page.MaxLimit}.");
    private static readonly ParameterDoc Offset = ParameterDoc.Shared("Offset", "Rows to skip.");

    /// <summary>
    /// Latest mode (<c>latest=true</c>, which may not be combined with <c>from</c>/<c>to</c>) or window mode
    /// (<c>from</c> required, <c>to</c> optional). A <c>from</c> after now without <c>to</c> is an empty
    /// window, not an error: only an explicit window is checked.
    /// </summary>
    public (bool Latest, DateTime? From, DateTime? To) LatestOrWindow()
    {
        var latest = Bool("latest", doc: ParameterDocs.Latest);
        var (from, to) = (Timestamp("from", doc: HistoryFrom), Timestamp("to", doc: HistoryTo));
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

    private static readonly ParameterDoc HistoryFrom = ParameterDoc.Shared("HistoryFrom", "Start of the window (inclusive). Required unless `latest=true`.");
    private static readonly ParameterDoc HistoryTo = ParameterDoc.Shared("HistoryTo", "End of the window (exclusive); defaults to now. Not allowed with `latest=true`.");

    /// <summary>Checks <c>from &lt; to</c> and, when given, the longest window allowed.</summary>
    public void Window(DateTime? from, DateTime? to, TimeSpan? maxSpan = null, string fromName = "from", string toName = "to")
    {
        if (from is not { } f || to is not { } t) return;
        if (t <= f) Problems.Add("value_error", Loc.Query[toName], $"'{toName}' must be after '{fromName}'");
        else if (maxSpan is { } span && t - f > span)
            Problems.Add("value_error", Loc.Query[toName], $"The window from '{fromName}' to '{toName}' may span at most {span.TotalDays:0} days");
    }

    private static SchemaNode IntSchema(int defaultValue, int min, int max)
    {
        var schema = new SchemaNode { ["type"] = "integer", ["minimum"] = min };
        if (max != int.MaxValue) schema["maximum"] = max;
        schema["default"] = defaultValue;
        return schema;
    }

    private static FieldSchema ListSchema(string name, bool required, Vocabulary? vocabulary)
    {
        // Items of a vocabulary are its list component: one value or several joined by commas, so both forms validate.
        var item = vocabulary switch
        {
            null => Wire.Text,
            { ListComponent: { } list } => FieldSchema.Reference(list),
            _ => throw new InvalidOperationException($"The query parameter {name} is a list of a vocabulary without a ListComponent"),
        };
        return Wire.ListOf(item, minItems: required ? 1 : 0);
    }
}
