using System.Collections.Immutable;

namespace AssetService.Core.Common;

/// <summary>Where a problem sits in the request, e.g. <c>["body", "limits", 3, "power_charge"]</c>.</summary>
public sealed record Loc(ImmutableArray<object> Parts)
{
    public static Loc Body { get; } = new(["body"]);
    public static Loc Query { get; } = new(["query"]);
    public static Loc Path { get; } = new(["path"]);

    public Loc this[string field] => new(Parts.Add(field));
    public Loc this[int index] => new(Parts.Add(index));

    public override string ToString() => string.Join('.', Parts);
}
