using System.Text.Json;
using AssetService.Core.Common;

namespace AssetService.Core.Status;

/// <summary>A status message: <c>{"asset_id", "status", "effective_at", "reasons": [..]}</c>; reasons may be omitted.</summary>
public sealed record StatusMessage(string AssetId, string Status, DateTime EffectiveAt, IReadOnlyList<string> Reasons)
{
    public const int MaxReasons = 100;
    public const int MaxReasonLength = 1000;

    public static StatusMessage Bind(JsonElement body) => JsonObject.Bind(body, o => new StatusMessage(
        o.Required("asset_id", Fields.String(1, 200)),
        o.Required("status", Fields.OneOf(Vocabularies.AssetStatus)),
        o.Required("effective_at", Fields.Timestamp),
        o.NullableRef("reasons", Fields.List(Fields.String(1, MaxReasonLength), 0, MaxReasons)) ?? []));
}
