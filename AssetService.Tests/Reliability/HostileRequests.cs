using System.Text;
using System.Text.Json.Nodes;
using AssetService.LocalHost;
using FsCheck;
using FsCheck.Fluent;

namespace AssetService.Tests.Reliability;

public sealed record HostileRequest(string Method, string Path, string Query, byte[]? Body, string Kind)
{
    public bool IsWrite => Method is not "GET";
    public override string ToString() =>
        $"{Method} {Path}{Query} [{Kind}] {(Body is null ? "" : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 300)]))}";
}

/// <summary>
/// Generators of malformed and hostile requests for every served route: wrong types, out-of-range and
/// non-finite numbers, huge strings, deep JSON, unknown enum values, naive and out-of-range timestamps,
/// empty and 100,000-element arrays, SQL and JSON injection strings and invalid UTF-8.
/// </summary>
public static class HostileRequests
{
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
        (60, MutatedTemplate(template)),
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
               select Mutate(template, target, value, operation);
    }

    private static (byte[] Body, string Kind) Mutate(string template, int target, JsonNode? value, int operation)
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
        return (Utf8(node.ToJsonString()), kind);
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
        from body in method is "GET" or "DELETE" ? Gen.Constant<(byte[] Body, string Kind)>((null!, "query")) : Body(RequestTemplates.For(method, route.Route))
        select new HostileRequest(method, FillPath(route.Path, pathValues), query, body.Body, body.Kind);

    private static string FillPath(string template, string[] values)
    {
        var index = 0;
        return System.Text.RegularExpressions.Regex.Replace(template, "{[^}]+}", _ => Uri.EscapeDataString(values[index++ % values.Length]));
    }
}
