namespace AssetService.Core.Status;

/// <summary>One status of an asset from <c>effective_at</c> on; written only by the status ingestion.</summary>
public sealed record AssetStatusEntry(string AssetId, string Status, DateTime? EffectiveAt, string[] Reasons, DateTime? CreatedAt)
{
    public static AssetStatusEntry Unknown(string assetId) => new(assetId, "UNKNOWN", null, [], null);
}
