using System.Text.Json;
using AssetService.Tests.Sites;
using AssetService.Tests.Support;

namespace AssetService.Tests.History;

/// <summary>Contract 6.1 for GET /sites/{id} (with its inverters and their assets) and the site and inverter limits.</summary>
public sealed class SitesAsOfApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private const string Window = "from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z";

    private static string Limits(string first, object value) =>
        $$"""{"limits": [{"start_time": "2026-05-01T00:00:00Z", "end_time": "2026-05-01T00:15:00Z", "{{first}}": {{value}}}]}""";

    [Fact]
    public async Task A_site_its_inverters_links_and_limits_read_as_of_an_instant_show_that_instant()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var before = await ChangesApi.InstantAsync();
        var inverter = await SiteApi.AddInverterIdAsync(client, site, a);
        await client.PutJsonAsync($"/api/v1/sites/{site}/limits", Limits("import_power", 5)).ExpectAsync(200);
        await client.PutJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits", Limits("power_charge", -1)).ExpectAsync(200);
        var t1 = await ChangesApi.InstantAsync();

        await client.PatchJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}", JsonSerializer.Serialize(new { asset_ids = new[] { b } })).ExpectAsync(200);
        await client.PutJsonAsync($"/api/v1/sites/{site}/limits", Limits("import_power", 9)).ExpectAsync(200);
        await client.PutJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits", Limits("power_charge", -3)).ExpectAsync(200);
        var t2 = await ChangesApi.InstantAsync();
        await client.DeleteAsync($"/api/v1/sites/{site}/inverters/{inverter}").ExpectAsync(204);

        static string[] AssetsOf(JsonElement s) =>
            s.GetProperty("inverters").EnumerateArray().SelectMany(i => i.GetProperty("asset_ids").EnumerateArray().Select(x => x.GetString()!)).ToArray();
        Assert.Empty((await client.GetAsync($"/api/v1/sites/{site}?as_of={before.Iso()}").ExpectAsync(200)).GetProperty("inverters").EnumerateArray());
        Assert.Equal([a], AssetsOf(await client.GetAsync($"/api/v1/sites/{site}?as_of={t1.Iso()}").ExpectAsync(200)));
        Assert.Equal([b], AssetsOf(await client.GetAsync($"/api/v1/sites/{site}?as_of={t2.Iso()}").ExpectAsync(200)));
        Assert.Empty((await client.GetAsync($"/api/v1/sites/{site}").ExpectAsync(200)).GetProperty("inverters").EnumerateArray());

        static decimal Value(JsonElement list, string field) => Assert.Single(list.GetProperty("limits").EnumerateArray()).GetProperty(field).GetDecimal();
        Assert.Equal(5m, Value(await client.GetAsync($"/api/v1/sites/{site}/limits?{Window}&as_of={t1.Iso()}").ExpectAsync(200), "import_power"));
        Assert.Equal(9m, Value(await client.GetAsync($"/api/v1/sites/{site}/limits?{Window}&as_of={t2.Iso()}").ExpectAsync(200), "import_power"));
        var inverterLimits = $"/api/v1/sites/{site}/inverters/{inverter}/limits?{Window}";
        Assert.Equal(-1m, Value(await client.GetAsync($"{inverterLimits}&as_of={t1.Iso()}").ExpectAsync(200), "power_charge"));
        Assert.Equal(-3m, Value(await client.GetAsync($"{inverterLimits}&as_of={t2.Iso()}").ExpectAsync(200), "power_charge"));
        await client.GetAsync(inverterLimits).ExpectAsync(404);
        var notYet = await client.GetAsync($"{inverterLimits}&as_of={before.Iso()}").ExpectAsync(404);
        Assert.Contains("did not exist at", notYet.Text("detail"));
    }

    [Fact]
    public async Task A_site_that_did_not_exist_yet_is_a_404_saying_so()
    {
        var before = await ChangesApi.InstantAsync();
        var site = await SiteApi.CreateIdAsync(client);
        var missing = await client.GetAsync($"/api/v1/sites/{site}?as_of={before.Iso()}").ExpectAsync(404);
        Assert.StartsWith($"Site {site} did not exist at ", missing.Text("detail"));
        await client.GetAsync($"/api/v1/sites/{site}/limits?{Window}&as_of={before.Iso()}").ExpectAsync(404);
    }
}
