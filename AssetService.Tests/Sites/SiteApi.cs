using System.Text.Json;
using AssetService.Tests.Support;

namespace AssetService.Tests.Sites;

/// <summary>Creates sites and inverters through the API.</summary>
public static class SiteApi
{
    public static object Manual => new { name = "MANUAL" };

    public static object PriceBased(object floor, object strike) => new { name = "PRICE_BASED", floor_price = floor, strike_price = strike };

    public static object Eur(decimal value) => new { value, unit = "EUR/MWh" };

    public static async Task<JsonElement> CreateAsync(HttpClient client, string region = "DE", string area = "50HZ", object? mode = null, string? code = null) =>
        await client.PostJsonAsync("/api/v1/sites", JsonSerializer.Serialize(new
        {
            name = "Immenstedt", code = code ?? Codes.Unique(), region, delivery_area = area, dispatch_mode = mode ?? Manual,
        })).ExpectAsync(201);

    public static async Task<string> CreateIdAsync(HttpClient client, string region = "DE", string area = "50HZ") =>
        (await CreateAsync(client, region, area)).GetProperty("id").GetString()!;

    public static Task<HttpResponseMessage> AddInverter(HttpClient client, string siteId, params string[] assetIds) =>
        client.PostJsonAsync($"/api/v1/sites/{siteId}/inverters", JsonSerializer.Serialize(new
        {
            rated_power = new { value = 2500, unit = "kW" }, charge_efficiency = "0.95", discharge_efficiency = 0.94, asset_ids = assetIds,
        }));

    public static async Task<string> AddInverterIdAsync(HttpClient client, string siteId, params string[] assetIds) =>
        (await AddInverter(client, siteId, assetIds).ExpectAsync(201)).GetProperty("id").GetString()!;
}
