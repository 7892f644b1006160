using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AssetService.Tests.Support;

namespace AssetService.Tests.Reliability;

/// <summary>
/// A valid body per write operation (keyed by method and route), taken from the OpenAPI document: the JSON
/// request example of the operation, with the example ids replaced by the rows the hostile-input tests seed.
/// The hostile request generator mutates these; an operation without an example still gets malformed, deep and
/// non-object bodies. <see cref="RequestTemplatesTests"/> holds every example to naming every field of its body.
/// </summary>
public static partial class RequestTemplates
{
    // The ids the document's examples use, longest first, and the seeded rows they stand for.
    private static readonly (string Example, string Seeded)[] Ids =
    [
        ("DE_AMPN_IMMST_SITE_1_INV_1", "DE_50HZ_SEED_SITE_1_INV_1"),
        ("DE_AMPN_IMMST_SITE_1", "DE_50HZ_SEED_SITE_1"),
        ("DE_AMPN_IMMST_1", "DE_50HZ_SEED_1"),
        ("DE_AMPN_IMMST_2", "DE_50HZ_SEED_2"),
        ("DE_50HZ_WU_1", "DE_50HZ_SEED_1"),
    ];

    private static readonly Dictionary<string, string> Templates = Build(OpenApiContract.Instance);

    /// <summary>The template for a method and function route (e.g. <c>v1/limits</c>); route parameters match by position.</summary>
    public static string? For(string method, string route) => Templates.GetValueOrDefault(Key(method, "/api/" + route));

    /// <summary>The JSON request example of every operation that has one, keyed as <see cref="For"/> looks them up.</summary>
    public static IReadOnlyDictionary<string, string> All => Templates;

    private static Dictionary<string, string> Build(OpenApiContract contract) =>
        contract.Operations
            .Select(o => (o, Example: o.Node["requestBody"]?["content"]?["application/json"]?["example"]))
            .Where(e => e.Example is JsonObject { Count: > 0 })
            .ToDictionary(e => Key(e.o.Method, e.o.Path), e => Ids.Aggregate(e.Example!.ToJsonString(), (json, id) => json.Replace(id.Example, id.Seeded)));

    private static string Key(string method, string path) => $"{method.ToUpperInvariant()} {RouteParameter().Replace(path, "{}")}";

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex RouteParameter();
}
