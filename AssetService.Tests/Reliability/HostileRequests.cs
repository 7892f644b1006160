using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using AssetService.Functions.Http;

namespace AssetService.Tests.Reliability;

public sealed record HostileRequest(string Method, string Path, string Query, byte[]? Body, string Kind)
{
    public bool IsWrite => Method is not ("GET" or "HEAD");

    /// <summary>A body with data after its JSON value: never to be accepted, not even half-read.</summary>
    public bool HasTrailingData => Kind.StartsWith(HostileRequests.TrailingData, StringComparison.Ordinal);
    public override string ToString() =>
        $"{Method} {Path}{Query} [{Kind}] {(Body is null ? "" : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)]))}";
}

/// <summary>
/// Generators of malformed and hostile requests for every served route: wrong types, out-of-range and
/// non-finite numbers, huge strings, deep JSON, unknown enum values, naive and out-of-range timestamps,
/// empty and 100,000-element arrays, SQL and JSON injection strings, invalid UTF-8 (also inside string
/// values), values mutated inside strings, trailing data after the body, and valid bodies moved
/// consistently to the edges (first and last slots and days of the supported range, largest magnitudes),
/// each written compact or pretty-printed.
/// </summary>
public static class HostileRequests
{
    public const string TrailingData = "trailing data";

    private static readonly byte[][] InvalidUtf8Sequences =
    [
        [0xFF, 0xFE], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC0, 0xAF], [0x80],
    ];

    // JSON text put inside a string token: escapes of NUL, lone surrogates and quotes, and raw characters.
    private static readonly string[] Fragments = [@"\u0000", @"\uD800", @"\uDFFF", @"\""", @"\\", @"\n", "💥", "'", "%00", "\u202E", @"\t", "é"];

    private static readonly string[] Trailers = [" garbage", "{}", "\n{\"a\":1}", "]", "}", "null", " 1", ",", "\u0000", "[]", "\r\n\u001a"];

    // Where a valid body is moved to: instants and dates of the supported range's edges and just beyond.
    private static readonly (DateTime Instant, bool AlignEnd)[] InstantEdges =
    [
        (new(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc), false), (new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc), true),
        (new(1999, 12, 31, 23, 45, 0, DateTimeKind.Utc), false), (new(2100, 1, 1, 0, 15, 0, DateTimeKind.Utc), true),
        (new(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), false), (new(9999, 12, 31, 23, 45, 0, DateTimeKind.Utc), true),
    ];

    private static readonly string[] Magnitudes =
    [
        "1000000", "1000000.000001", "999999.999999999999", "79228162514264337593543950335", "0.0000000000000000000000000001", "1e6", "1E+7",
    ];
    private static readonly string[] HostileStrings =
    [
        "", " ", "NaN", "Infinity", "-Infinity", "nan", "1e309", "-0", "0x10", "١٢٣",
        "'; DROP TABLE assets; --", "\" OR 1=1 --", "$1", "{\"$gt\": \"\"}", "\\u0000", "\u0000", "\u202Eevil", "💥🔋", "\uD800", "x\uDC00y",
        "2026-03-29T01:00:00", "2026-03-29", "2026-02-30T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z",
        "2026-03-29T01:07:00Z", "2026-03-29T01:00:00+25:00", "24:15", "-01:00", "00:07", "DIESEL", "de", "50hz",
        "BESS ", "PRICE_BASED", "inverters,sites", new string('A', 5_000), "../../etc/passwd", "<script>alert(1)</script>",
    ];

    private static readonly string[] QueryNames =
    [
        "asset_ids", "asset_id", "from", "to", "limit", "offset", "latest", "sources", "source", "markets", "status",
        "type", "region", "lifecycle", "delivery_area", "provider", "expand", "start_time", "end_time", "delivery_day", "zzz",
    ];

    private static Gen<string> HostileString => Gen.Elements(HostileStrings);

    private static Gen<JsonNode?> HostileValue => Gen.OneOf(
        HostileString.Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Elements(new JsonNode?[]
        {
            null, JsonValue.Create(true), JsonValue.Create(-1), JsonValue.Create(0), JsonValue.Create(1e308),
            JsonValue.Create(-1e308), JsonValue.Create(decimal.MaxValue), JsonValue.Create(long.MinValue), JsonValue.Create(0.1234567890123456789m),
            new JsonArray(), new JsonObject(), new JsonArray(JsonValue.Create("x")), new JsonObject { ["value"] = "1", ["unit"] = "kWh" },
            new JsonObject { ["value"] = "NaN", ["unit"] = "MW" }, new JsonObject { ["value"] = 1, ["unit"] = "EUR/MWh" },
        }),
        Gen.Choose(-1_000_000, 1_000_000).Select(n => (JsonNode?)JsonValue.Create(n / 7.0)));

    // A NUL in the path is refused by Kestrel's HTTP parser (400, no body) before any application code
    // runs, as by the Functions host; it tests the web server, not this service.
    private static Gen<string> PathValue => Gen.OneOf(
        HostileString.Where(s => s.Length is > 0 and < 1000 && !s.Contains('\0')),
        Gen.Elements("DE_50HZ_SEED_1", "DE_50HZ_SEED_1_SITE_1", "DE_50HZ_SEED_1_SITE_1_INV_1", "PL_PSE_X_1"));

    private static Gen<string> Query => Gen.ListOf(Gen.Zip(Gen.Elements(QueryNames), HostileString.Where(s => s.Length < 600)))
        .Select(pairs => pairs.Count == 0 ? "" : "?" + string.Join('&', pairs.Take(8).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));

    /// <summary>A request body: a mutated valid template, or something that is not valid JSON at all.</summary>
    private static Gen<(byte[] Body, string Kind)> Body(string? template) => Gen.Frequency(
        (45, MutatedTemplate(template)),
        (8, InsideStrings(template)),
        (8, Edges(template)),
        (6, Trailing(template)),
        (6, InvalidUtf8InsideAString(template)),
        (8, HostileValue.Select(v => (Utf8(v?.ToJsonString() ?? "null"), "scalar body"))),
        (8, Gen.Elements("{", "{\"a\":", "[1,,2]", "{'code': 'X'}", "NaN", "{\"x\": NaN}", "{\"x\": Infinity}", "\u0000", "{\"a\":1}{\"b\":2}")
            .Select(s => (Utf8(s), "malformed JSON"))),
        (4, Gen.Choose(65, 3000).Select(depth => (Utf8(new string('[', depth) + new string(']', depth)), "deep JSON"))),
        (4, Gen.Constant((InvalidUtf8(template), "invalid UTF-8"))),
        (1, Gen.Elements(0, 100_000).Select(n => (HugeArray(template, n), n == 0 ? "empty array" : "100,000-element array"))));

    private static Gen<(byte[] Body, string Kind)> MutatedTemplate(string? template)
    {
        if (template is null) return HostileValue.Select(v => (Utf8(new JsonObject { ["unexpected"] = v }.ToJsonString()), "extra field"));
        return from target in Gen.Choose(0, 1000)
               from value in HostileValue
               from operation in Gen.Choose(0, 3)
               from pretty in Gen.Elements(false, true)
               select Mutate(template, target, value, operation, pretty);
    }

    private static (byte[] Body, string Kind) Mutate(string template, int target, JsonNode? value, int operation, bool pretty)
    {
        var node = JsonNode.Parse(template)!;
        var targets = Containers(node).ToList();
        var (parent, key) = targets[target % targets.Count];
        var kind = operation switch
        {
            0 => Remove(parent, key),
            1 => Add(parent, value),
            _ => Replace(parent, key, value),
        };
        return (Utf8(Write(node, pretty)), kind + (pretty ? " (pretty)" : ""));
    }

    private static string Write(JsonNode? node, bool pretty) =>
        node?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = pretty }) ?? "null";

    private static string Template(string? template) => template ?? "{\"name\": \"x\", \"code\": \"X\"}";

    /// <summary>A hostile fragment inserted into the middle of one string value, as JSON escapes or raw text.</summary>
    private static Gen<(byte[] Body, string Kind)> InsideStrings(string? template) =>
        from pretty in Gen.Elements(false, true)
        from fragment in Gen.Elements(Fragments)
        from target in Gen.Choose(0, 1000)
        from cut in Gen.Choose(0, 100)
        select InsertIntoString(Write(JsonNode.Parse(Template(template)), pretty), target, cut, Utf8(fragment), $"'{fragment}' inside a string");

    /// <summary>Invalid UTF-8 bytes inside one string value, where only a binder that reads the string would notice them.</summary>
    private static Gen<(byte[] Body, string Kind)> InvalidUtf8InsideAString(string? template) =>
        from pretty in Gen.Elements(false, true)
        from bytes in Gen.Elements(InvalidUtf8Sequences)
        from target in Gen.Choose(0, 1000)
        from cut in Gen.Choose(0, 100)
        select InsertIntoString(Write(JsonNode.Parse(Template(template)), pretty), target, cut, bytes, "invalid UTF-8 inside a string");

    private static (byte[] Body, string Kind) InsertIntoString(string json, int target, int cut, byte[] insert, string kind)
    {
        // The content of every string token, found with the reader so that keys and values both count.
        var bytes = Utf8(json);
        var spans = new List<(int Start, int Length)>();
        var reader = new System.Text.Json.Utf8JsonReader(bytes);
        while (reader.Read())
            if (reader.TokenType is System.Text.Json.JsonTokenType.String or System.Text.Json.JsonTokenType.PropertyName)
                spans.Add(((int)reader.TokenStartIndex + 1, reader.ValueSpan.Length));
        var (start, length) = spans[target % spans.Count];
        var at = start + cut % (length + 1);
        // Never split an escape sequence or a multi-byte character: move to the string's end instead.
        if (at > start && at < start + length && (bytes.AsSpan(Math.Max(start, at - 5), at - Math.Max(start, at - 5)).Contains((byte)'\\') || (bytes[at] & 0xC0) == 0x80)) at = start + length;
        return ([.. bytes[..at], .. insert, .. bytes[at..]], kind);
    }

    /// <summary>A valid or mutated body followed by more data.</summary>
    private static Gen<(byte[] Body, string Kind)> Trailing(string? template) =>
        from pretty in Gen.Elements(false, true)
        from trailer in Gen.Elements(Trailers)
        select (Utf8(Write(JsonNode.Parse(Template(template)), pretty) + trailer), $"{TrailingData} {System.Text.Json.JsonSerializer.Serialize(trailer)}");

    /// <summary>
    /// The template moved as a whole: every instant shifted by one offset so that the earliest (or latest)
    /// lands on an edge, every date likewise, or every number set to one extreme magnitude with its sign kept.
    /// </summary>
    private static Gen<(byte[] Body, string Kind)> Edges(string? template)
    {
        if (template is null) return Gen.Constant((Utf8("{}"), "edges of nothing"));
        return from pretty in Gen.Elements(false, true)
               from edge in Gen.Elements(InstantEdges)
               from magnitude in Gen.Elements(Magnitudes)
               from what in Gen.Choose(0, 2)
               select MoveToEdge(template, edge, magnitude, what, pretty);
    }

    private static (byte[] Body, string Kind) MoveToEdge(string template, (DateTime Instant, bool AlignEnd) edge, string magnitude, int what, bool pretty)
    {
        var node = JsonNode.Parse(template)!;
        var values = Leaves(node).ToList();
        string kind;
        if (what == 2)
        {
            foreach (var (parent, key, value) in values.Where(v => v.Value.GetValueKind() == System.Text.Json.JsonValueKind.Number))
            {
                var negative = value.ToJsonString().StartsWith('-');
                Set(parent, key, JsonNode.Parse((negative ? "-" : "") + magnitude));
            }
            foreach (var (parent, key, value) in values.Where(v => v.Key is "value" && v.Value.GetValueKind() == System.Text.Json.JsonValueKind.String))
                Set(parent, key, JsonValue.Create((value.GetValue<string>().StartsWith('-') ? "-" : "") + magnitude));
            kind = $"magnitudes {magnitude}";
        }
        else
        {
            var instants = values.Select(v => (v, Instant: AsInstant(v.Value))).Where(x => x.Instant is not null).ToList();
            var dates = values.Select(v => (v, Date: AsDate(v.Value))).Where(x => x.Date is not null).ToList();
            if (instants.Count > 0)
            {
                var anchor = edge.AlignEnd ? instants.Max(x => x.Instant!.Value) : instants.Min(x => x.Instant!.Value);
                foreach (var (v, instant) in instants)
                    Set(v.Parent, v.Key, JsonValue.Create(Shift(instant!.Value, edge.Instant, anchor)));
            }
            if (dates.Count > 0)
            {
                var target = DateOnly.FromDateTime(edge.Instant);
                if (edge.AlignEnd && edge.Instant.TimeOfDay == TimeSpan.Zero) target = target.AddDays(-1);
                var anchor = edge.AlignEnd ? dates.Max(x => x.Date!.Value) : dates.Min(x => x.Date!.Value);
                foreach (var (v, date) in dates)
                {
                    var moved = target.DayNumber + (date!.Value.DayNumber - anchor.DayNumber);
                    if (moved is >= 0 and <= 3652058) Set(v.Parent, v.Key, JsonValue.Create(DateOnly.FromDayNumber(moved).ToString("yyyy-MM-dd")));
                }
            }
            kind = $"moved to {(edge.AlignEnd ? "end" : "start")} {edge.Instant:yyyy-MM-ddTHH:mm}Z";
        }
        return (Utf8(Write(node, pretty)), kind + (pretty ? " (pretty)" : ""));
    }

    private static string Shift(DateTime instant, DateTime edge, DateTime anchor)
    {
        var ticks = edge.Ticks + (instant.Ticks - anchor.Ticks);
        return ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks
            ? (ticks < 0 ? "0001-01-01T00:00:00Z" : "9999-12-31T23:59:59Z")
            : new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static DateTime? AsInstant(JsonNode value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: > 10 } text && text[10] == 'T' &&
        DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal, out var utc)
            ? utc : null;

    private static DateOnly? AsDate(JsonNode value) =>
        value.GetValueKind() == System.Text.Json.JsonValueKind.String && value.GetValue<string>() is { Length: 10 } text &&
        DateOnly.TryParseExact(text, "yyyy-MM-dd", out var date) ? date : null;

    private static IEnumerable<(JsonNode Parent, object Key, JsonNode Value)> Leaves(JsonNode node) =>
        Containers(node).Select(c => (c.Parent, c.Key, Value: c.Parent is JsonObject o ? o[(string)c.Key] : ((JsonArray)c.Parent)[(int)c.Key]))
            .Where(c => c.Value is JsonValue)
            .Select(c => (c.Parent, c.Key, c.Value!));

    private static void Set(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o) o[(string)key] = value;
        else ((JsonArray)parent)[(int)key] = value;
    }

    private static string Remove(JsonNode parent, object key)
    {
        if (parent is JsonObject o) o.Remove((string)key);
        else ((JsonArray)parent).RemoveAt((int)key);
        return $"removed {key}";
    }

    private static string Add(JsonNode parent, JsonNode? value)
    {
        if (parent is JsonObject o) o["unexpected_field"] = value;
        else ((JsonArray)parent).Add(value);
        return "added field";
    }

    private static string Replace(JsonNode parent, object key, JsonNode? value)
    {
        if (parent is JsonObject o) o[(string)key] = value;
        else ((JsonArray)parent)[(int)key] = value;
        return $"replaced {key}";
    }

    private static IEnumerable<(JsonNode Parent, object Key)> Containers(JsonNode node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o.ToList())
                {
                    yield return (o, name);
                    if (child is not null) foreach (var inner in Containers(child)) yield return inner;
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    yield return (a, i);
                    if (a[i] is { } child) foreach (var inner in Containers(child)) yield return inner;
                }
                break;
        }
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] InvalidUtf8(string? template)
    {
        var text = template ?? "{\"name\": \"x\"}";
        var bytes = Utf8(text).ToList();
        var quote = text.IndexOf(": \"", StringComparison.Ordinal);
        bytes.InsertRange(quote < 0 ? 1 : quote + 3, new byte[] { 0xFF, 0xC3, 0x28 });
        return bytes.ToArray();
    }

    private static byte[] HugeArray(string? template, int count)
    {
        var node = template is null ? new JsonObject() : JsonNode.Parse(template)!.AsObject();
        var arrayName = node.FirstOrDefault(p => p.Value is JsonArray).Key ?? "items";
        var item = node[arrayName] is JsonArray { Count: > 0 } a ? a[0]!.ToJsonString() : "1";
        var builder = new StringBuilder("{\"").Append(arrayName).Append("\": [");
        for (var i = 0; i < count; i++) builder.Append(i == 0 ? "" : ",").Append(item);
        return Utf8(builder.Append("]}").ToString());
    }

    public static Gen<HostileRequest> For(IReadOnlyList<FunctionRoute> routes) =>
        from route in Gen.Elements(routes.ToArray())
        from method in Gen.Elements(route.Methods)
        from pathValues in Gen.ArrayOf(PathValue, 3)
        from query in Query
        from body in method is "GET" or "HEAD" or "DELETE" ? Gen.Constant<(byte[] Body, string Kind)>((null!, "query")) : Body(RequestTemplates.For(method, route.Route))
        select new HostileRequest(method, FillPath(route.Path, pathValues), query, body.Body, body.Kind);

    private static string FillPath(string template, string[] values)
    {
        var index = 0;
        return System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", _ => Uri.EscapeDataString(values[index++ % values.Length]));
    }
}
