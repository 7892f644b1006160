using System.Globalization;
using System.Text.Json;
using AssetService.Tests.Support;

namespace AssetService.Tests.Headroom;

/// <summary>Writes the inputs of headroom through the API, and reads it.</summary>
public static class HeadroomApi
{
    private static string Slot(string start) =>
        $$"""
        "start_time": "{{start}}", "end_time": "{{DateTime.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).AddMinutes(15).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}}"
        """;

    public static Task<JsonElement> ReserveAsync(this HttpClient client, string assetId, string start, string market, decimal power,
        decimal energyChange = 0, decimal bufferLow = 0, decimal bufferHigh = 0) =>
        client.PutJsonAsync("/api/v1/reservations", JsonSerializer.Serialize(new
        {
            reservations = new[] { new Dictionary<string, object>
            {
                ["asset_id"] = assetId, ["start_time"] = start,
                ["end_time"] = DateTime.Parse(start, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).AddMinutes(15).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["market"] = market, ["source"] = "OPTIMISATION", ["power"] = power, ["energy_change"] = energyChange,
                ["energy_buffer_low"] = bufferLow, ["energy_buffer_high"] = bufferHigh,
            } },
        })).ExpectAsync(200);

    public static Task<JsonElement> SpecAsync(this HttpClient client, string assetId, decimal ratedMw, decimal? gridMw = null, decimal? capacityMwh = null,
        decimal? chargeEfficiency = null, decimal? dischargeEfficiency = null)
    {
        var body = new Dictionary<string, object> { ["asset_id"] = assetId, ["valid_from"] = "2026-01-01T00:00:00Z", ["rated_power"] = new { value = ratedMw, unit = "MW" } };
        if (gridMw is { } g) body["grid_connection_max_power"] = new { value = g, unit = "MW" };
        if (capacityMwh is { } c) body["max_capacity"] = new { value = c, unit = "MWh" };
        if (chargeEfficiency is { } ce) body["charge_efficiency"] = ce;
        if (dischargeEfficiency is { } de) body["discharge_efficiency"] = de;
        return client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(body)).ExpectAsync(201);
    }

    public static Task<JsonElement> SnapshotAsync(this HttpClient client, string assetId, string effectiveAt, decimal storedMwh) =>
        client.PostJsonAsync("/api/v1/state-snapshots",
            $$"""{"state_snapshots": [{"asset_id": "{{assetId}}", "effective_at": "{{effectiveAt}}", "stored_energy": {{storedMwh.ToString(CultureInfo.InvariantCulture)}}}]}""").ExpectAsync(200);

    public static Task<JsonElement> ForecastAsync(this HttpClient client, string assetId, string start, decimal generation) =>
        client.PutJsonAsync("/api/v1/forecasts",
            $$"""{"forecasts": [{"asset_id": "{{assetId}}", {{Slot(start)}}, "generation": {{generation.ToString(CultureInfo.InvariantCulture)}}, "consumption": 0}]}""").ExpectAsync(200);

    public static Task<JsonElement> SiteLimitAsync(this HttpClient client, string siteId, string start, decimal import, decimal export) =>
        client.PutJsonAsync($"/api/v1/sites/{siteId}/limits",
            $$"""{"limits": [{{{Slot(start)}}, "import_power": {{import.ToString(CultureInfo.InvariantCulture)}}, "export_power": {{export.ToString(CultureInfo.InvariantCulture)}}}]}""").ExpectAsync(200);

    public static Task<JsonElement> InverterLimitAsync(this HttpClient client, string siteId, string inverterId, string start, decimal charge, decimal discharge) =>
        client.PutJsonAsync($"/api/v1/sites/{siteId}/inverters/{inverterId}/limits",
            $$"""{"limits": [{{{Slot(start)}}, "power_charge": {{charge.ToString(CultureInfo.InvariantCulture)}}, "power_discharge": {{discharge.ToString(CultureInfo.InvariantCulture)}}}]}""").ExpectAsync(200);

    public static async Task<JsonElement[]> HeadroomAsync(this HttpClient client, string query) =>
        (await client.GetAsync($"/api/v1/headroom?limit=1000&{query}").ExpectAsync(200)).GetProperty("headroom").EnumerateArray().ToArray();

    public static string[] Names(this JsonElement side) => side.GetProperty("limited_by").EnumerateArray().Select(n => n.GetString()!).ToArray();
}
