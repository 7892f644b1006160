using System.Text.Json;

namespace AssetService.Tests.Support;

/// <summary>Creates assets through the API, for tests of any feature.</summary>
public static class AssetApi
{
    public static async Task<string> CreateAsync(HttpClient client, string region = "DE", string area = "50HZ", string type = "BESS", string? code = null)
    {
        var body = await client.PostJsonAsync("/api/v1/assets", JsonSerializer.Serialize(new
        {
            code = code ?? Codes.Unique(), name = "Test asset", type, region, delivery_area = area, provider = "EBX",
        })).ExpectAsync(201);
        return body.GetProperty("id").GetString()!;
    }

    public static async Task<string> CreateLiveAsync(HttpClient client, string region = "DE", string area = "50HZ")
    {
        var id = await CreateAsync(client, region, area);
        await client.PostAsync($"/api/v1/assets/{id}/actions/commission", null).ExpectAsync(200);
        await client.PostAsync($"/api/v1/assets/{id}/actions/go-live", null).ExpectAsync(200);
        return id;
    }
}
