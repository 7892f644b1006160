namespace AssetService.Core.Common;

/// <summary>Region and delivery area must agree, and the region fixes the market time zone.</summary>
public static class MarketArea
{
    private static readonly Dictionary<string, string[]> AreasByRegion = new()
    {
        ["DE"] = ["50HZ", "AMPN", "TNBW", "TNNT"],
        ["PL"] = ["PSE"],
    };

    public static bool Agree(string region, string deliveryArea) =>
        AreasByRegion.TryGetValue(region, out var areas) && areas.Contains(deliveryArea);

    /// <summary>Adds a problem at the delivery area when it does not belong to the region.</summary>
    public static void Check(string? region, string? deliveryArea, Loc deliveryAreaLoc, Problems problems)
    {
        if (region is null || deliveryArea is null || !Vocabularies.Region.Contains(region) ||
            !Vocabularies.DeliveryArea.Contains(deliveryArea) || Agree(region, deliveryArea)) return;
        problems.Add("value_error", deliveryAreaLoc,
            $"Delivery area {deliveryArea} does not belong to region {region} (expected one of {string.Join(", ", AreasByRegion[region])})");
    }
}
