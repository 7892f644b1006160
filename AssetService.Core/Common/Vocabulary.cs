using System.Text.Json.Nodes;
using SchemaNode = System.Text.Json.Nodes.JsonObject;

namespace AssetService.Core.Common;

/// <summary>A closed set of UPPER_SNAKE values (an enum on the wire), with its pydantic-style error message.</summary>
public sealed class Vocabulary
{
    private readonly HashSet<string> values;

    public Vocabulary(params string[] values)
    {
        Values = values;
        this.values = new HashSet<string>(values, StringComparer.Ordinal);
        Expectation = "Input should be " + string.Join(", ", values[..^1].Select(v => $"'{v}'")) +
                      (values.Length > 1 ? " or " : "") + $"'{values[^1]}'";
    }

    public IReadOnlyList<string> Values { get; }

    /// <summary>The enum's component in the OpenAPI document, when it has one (<c>AssetType</c>); written from this vocabulary.</summary>
    public string? Component { get; init; }

    /// <summary>The document's title for the enum (default: <see cref="Component"/>) and its words for it.</summary>
    public string? Title { get; init; }
    public string Description { get; init; } = "";

    /// <summary>
    /// Names for values that are no identifiers (<c>50HZ</c>, <c>kW</c>), in the two forms client generators read:
    /// <c>x-enum-varnames</c> (openapi-generator, openapi-typescript) and <c>x-ms-enum</c> (Kiota, AutoRest).
    /// </summary>
    public IReadOnlyList<(string VarName, string Name)>? Identifiers { get; init; }

    /// <summary>
    /// The component of a comma list of these values (<c>LimitSourceList</c>): the item schema of an array query
    /// parameter that takes both <c>?sources=A&amp;sources=B</c> and <c>?sources=A,B</c> (docs/openapi.md).
    /// </summary>
    public string? ListComponent { get; init; }
    public string? ListExample { get; init; }

    /// <summary>The enum's schema as the document shows it.</summary>
    public SchemaNode Schema()
    {
        var name = Component ?? throw new InvalidOperationException("A vocabulary without a component has no schema of its own");
        var schema = new SchemaNode
        {
            ["type"] = "string", ["title"] = Title ?? name, ["description"] = Description,
            ["enum"] = new JsonArray([.. Values.Select(v => (JsonNode)v)]),
        };
        if (Identifiers is { } ids)
        {
            if (ids.Count != Values.Count) throw new InvalidOperationException($"{name}: one identifier per value");
            schema["x-enum-varnames"] = new JsonArray([.. ids.Select(i => (JsonNode)i.VarName)]);
            schema["x-ms-enum"] = new SchemaNode
            {
                ["name"] = name, ["modelAsString"] = false,
                ["values"] = new JsonArray([.. Values.Zip(ids, (v, i) => (JsonNode)new SchemaNode { ["value"] = v, ["name"] = i.Name })]),
            };
        }
        return schema;
    }

    /// <summary>The comma list's schema: one value, or several joined by commas, nothing else.</summary>
    public SchemaNode ListSchema()
    {
        var one = "(" + string.Join('|', Values.Select(System.Text.RegularExpressions.Regex.Escape)) + ")";
        var schema = new SchemaNode
        {
            ["type"] = "string", ["title"] = ListComponent,
            ["description"] = $"One `{Title ?? Component}` value or several separated by commas: the value of one array query parameter. " +
                              "Each value of the array may be such a list.",
            ["pattern"] = $"^{one}(,{one})*$",
        };
        if (ListExample is not null) schema["examples"] = new JsonArray(ListExample);
        return schema;
    }
    public string Expectation { get; }
    public bool Contains(string value) => values.Contains(value);
}

/// <summary>The enums of the seed, exactly as spelt there.</summary>
public static class Vocabularies
{
    public static readonly Vocabulary AssetType = new("BESS", "VBAT", "PV", "DAA_SWAP", "DAA_SWAP_VBAT", "GREY_COLOCATION", "GREEN_COLOCATION")
    {
        Component = "AssetType", Description = "Supported asset types.",
    };

    public static readonly Vocabulary Region = new("DE", "PL")
    {
        Component = "Region", Description = "Market region: `DE` (Europe/Berlin) or `PL` (Europe/Warsaw).",
    };

    public static readonly Vocabulary DeliveryArea = new("50HZ", "AMPN", "TNBW", "TNNT", "PSE")
    {
        Component = "DeliveryArea",
        Description = "Delivery area (control area). `DE` goes with `50HZ AMPN TNBW TNNT`, `PL` with `PSE`; any other pairing is a 422.",
        Identifiers = [("FIFTY_HERTZ", "FiftyHertz"), ("AMPN", "AMPN"), ("TNBW", "TNBW"), ("TNNT", "TNNT"), ("PSE", "PSE")],
    };

    public static readonly Vocabulary Provider = new("ENERGIEKOPPLER", "ENTELIOS", "EBX", "TERRALAYR", "TRANSITION_TECHNOLOGIES", "ASSET_SIMULATOR", "NFT")
    {
        Component = "Provider", Description = "Energy market providers.",
    };

    public static readonly Vocabulary Lifecycle = new("DRAFT", "COMMISSIONING", "LIVE", "SUSPENDED", "DECOMMISSIONED")
    {
        Component = "AssetLifecycle",
        Description = "Lifecycle state; changed only through the asset actions: DRAFT → COMMISSIONING → LIVE ⇄ SUSPENDED, LIVE → DECOMMISSIONED.",
    };

    public static readonly Vocabulary AssetStatus = new("UNKNOWN", "ONLINE", "OFFLINE", "DEGRADED", "MAINTENANCE")
    {
        Component = "AssetStatusValue", Title = "Status", Description = "Operational status of an asset.",
        ListComponent = "AssetStatusList", ListExample = "UNKNOWN,MAINTENANCE",
    };
}
