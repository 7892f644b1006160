using AssetService.Core.Common;

namespace AssetService.Functions.OpenApi;

/// <summary>
/// The route parameters shared by several function classes. A class may declare its own (a static
/// <see cref="PathParameter"/> field), which wins for its routes: <c>{file}</c> of each page.
/// </summary>
public static class PathParameters
{
    public static readonly PathParameter AssetId = new("asset_id", "Asset id, e.g. `DE_50HZ_WU_1`.", PeriodFields.AssetId.Schema, "AssetIdPath");

    // Site and inverter ids are given by the service and read by no body: no parser to take a schema from.
    public static readonly PathParameter SiteId = new("site_id", "Site id, e.g. `DE_AMPN_IMMST_SITE_1`.",
        Wire.Text.WithExample("DE_AMPN_IMMST_SITE_1"), "SiteIdPath");

    public static readonly PathParameter InverterId = new("inverter_id", "Inverter id of that site, e.g. `DE_AMPN_IMMST_SITE_1_INV_1`.",
        Wire.Text.WithExample("DE_AMPN_IMMST_SITE_1_INV_1"), "InverterIdPath");
}
