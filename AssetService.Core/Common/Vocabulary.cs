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

    /// <summary>The enum's component in the OpenAPI document, when it has one (<c>AssetType</c>).</summary>
    public string? Component { get; init; }
    public string Expectation { get; }
    public bool Contains(string value) => values.Contains(value);
}

/// <summary>The enums of the seed, exactly as spelt there.</summary>
public static class Vocabularies
{
    public static readonly Vocabulary AssetType = new("BESS", "VBAT", "PV", "DAA_SWAP", "DAA_SWAP_VBAT", "GREY_COLOCATION", "GREEN_COLOCATION") { Component = "AssetType" };
    public static readonly Vocabulary Region = new("DE", "PL") { Component = "Region" };
    public static readonly Vocabulary DeliveryArea = new("50HZ", "AMPN", "TNBW", "TNNT", "PSE") { Component = "DeliveryArea" };
    public static readonly Vocabulary Provider = new("ENERGIEKOPPLER", "ENTELIOS", "EBX", "TERRALAYR", "TRANSITION_TECHNOLOGIES", "ASSET_SIMULATOR", "NFT") { Component = "Provider" };
    public static readonly Vocabulary Lifecycle = new("DRAFT", "COMMISSIONING", "LIVE", "SUSPENDED", "DECOMMISSIONED") { Component = "AssetLifecycle" };
    public static readonly Vocabulary AssetStatus = new("UNKNOWN", "ONLINE", "OFFLINE", "DEGRADED", "MAINTENANCE") { Component = "AssetStatusValue" };
}
