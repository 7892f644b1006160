using AssetService.Core.Common;

namespace AssetService.Core.Status;

/// <summary>One status of an asset from <c>effective_at</c> on; written only by the status ingestion.</summary>
public sealed record AssetStatusEntry(string AssetId, string Status, DateTime? EffectiveAt, string[] Reasons, DateTime? CreatedAt)
{
    public static readonly ResponseShape Shape = new(typeof(AssetStatusEntry), "AssetStatusEntry",
        "One status of an asset. An asset that never reported has the placeholder `{\"status\": \"UNKNOWN\", \"effective_at\": null, \"reasons\": [], \"created_at\": null}`.")
    {
        [nameof(AssetId)] = PeriodFields.AssetId.Schema,
        [nameof(Status)] = Fields.OneOf(Vocabularies.AssetStatus).Schema,
        [nameof(EffectiveAt)] = Wire.UtcTimestamp.Described("From when the status holds; null only for the `UNKNOWN` placeholder."),
        [nameof(Reasons)] = Wire.ListOf(Wire.Text).Described("Free-text reasons sent with the status, possibly empty."),
        [nameof(CreatedAt)] = Wire.UtcTimestamp.Described("When the service stored the entry; null only for the `UNKNOWN` placeholder."),
    };

    public static AssetStatusEntry Unknown(string assetId) => new(assetId, "UNKNOWN", null, [], null);
}
