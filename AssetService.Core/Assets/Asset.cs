namespace AssetService.Core.Assets;

/// <summary>An asset master record as stored and as answered (<c>AssetResponse</c>).</summary>
public sealed record Asset(
    string Id,
    string Code,
    string Name,
    string Type,
    string Region,
    string DeliveryArea,
    string Lifecycle,
    string Provider,
    DateOnly? GoLiveDate,
    DateTime CreatedAt,
    DateTime UpdatedAt);

public sealed record AssetList(IReadOnlyList<Asset> Assets, int Limit, int Offset);
