using System.Text.Json;
using AssetService.Tests.Support;
using Dapper;

namespace AssetService.Tests.Sites;

public sealed class SitesApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    [Fact]
    public async Task Creating_a_site_returns_201_with_generated_id_location_and_no_inverters()
    {
        var code = Codes.Unique();
        var response = await client.PostJsonAsync("/api/v1/sites", JsonSerializer.Serialize(new
        {
            name = "Immenstedt", code, region = "DE", delivery_area = "AMPN",
            dispatch_mode = new { name = "PRICE_BASED", floor_price = new { value = "-10.50", unit = "EUR/MWh" }, strike_price = new { value = 80, unit = "EUR/MWh" } },
        }));
        var site = await Task.FromResult(response).ExpectAsync(201);
        Assert.Equal($"DE_AMPN_{code}_SITE_1", site.GetProperty("id").GetString());
        Assert.Equal($"/api/v1/sites/DE_AMPN_{code}_SITE_1", response.Headers.Location!.ToString());
        Assert.Equal(0, site.GetProperty("inverters").GetArrayLength());
        var mode = site.GetProperty("dispatch_mode");
        Assert.Equal("PRICE_BASED", mode.GetProperty("name").GetString());
        Assert.Equal("-10.5", mode.GetProperty("floor_price").GetProperty("value").GetString());
        Assert.Equal("EUR/MWh", mode.GetProperty("strike_price").GetProperty("unit").GetString());
        Assert.Equal(["id", "name", "code", "region", "delivery_area", "dispatch_mode", "created_at", "updated_at", "inverters"],
            site.EnumerateObject().Select(p => p.Name).ToArray());
        var second = await SiteApi.CreateAsync(client, "DE", "AMPN", code: code);
        Assert.Equal($"DE_AMPN_{code}_SITE_2", second.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Price_based_without_a_strike_price_is_a_422()
    {
        var problem = await client.PostJsonAsync("/api/v1/sites", JsonSerializer.Serialize(new
        {
            name = "X", code = Codes.Unique(), region = "DE", delivery_area = "50HZ",
            dispatch_mode = new { name = "PRICE_BASED", floor_price = SiteApi.Eur(10) },
        })).ExpectAsync(422);
        Assert.Equal(["body.dispatch_mode.strike_price"], problem.Locs());
    }

    [Theory]
    [InlineData("""{"name": "PRICE_BASED", "floor_price": {"value": 90, "unit": "EUR/MWh"}, "strike_price": {"value": 80, "unit": "EUR/MWh"}}""", "body.dispatch_mode.strike_price")]
    [InlineData("""{"name": "PRICE_BASED", "floor_price": {"value": 10, "unit": "EUR/MWh"}, "strike_price": {"value": 80, "unit": "PLN/MWh"}}""", "body.dispatch_mode.strike_price")]
    [InlineData("""{"name": "PRICE_BASED", "floor_price": {"value": 10, "unit": "MW"}, "strike_price": {"value": 80, "unit": "EUR/MWh"}}""", "body.dispatch_mode.floor_price.unit")]
    [InlineData("""{"name": "MANUAL", "floor_price": {"value": 10, "unit": "EUR/MWh"}}""", "body.dispatch_mode.floor_price")]
    [InlineData("""{"name": "OPTIMISED", "strike_price": {"value": 10, "unit": "EUR/MWh"}}""", "body.dispatch_mode.strike_price")]
    [InlineData("""{"name": "CHEAP"}""", "body.dispatch_mode.name")]
    public async Task Dispatch_mode_rules_are_checked_on_create(string mode, string loc)
    {
        var problem = await client.PostJsonAsync("/api/v1/sites",
            $$"""{"name": "X", "code": "{{Codes.Unique()}}", "region": "DE", "delivery_area": "50HZ", "dispatch_mode": {{mode}}}""").ExpectAsync(422);
        Assert.Equal([loc], problem.Locs());
    }

    [Fact]
    public async Task Region_and_delivery_area_must_agree()
    {
        var problem = await client.PostJsonAsync("/api/v1/sites", JsonSerializer.Serialize(new
        {
            name = "X", code = Codes.Unique(), region = "PL", delivery_area = "50HZ", dispatch_mode = SiteApi.Manual,
        })).ExpectAsync(422);
        Assert.Equal(["body.delivery_area"], problem.Locs());
    }

    [Fact]
    public async Task Patch_to_manual_clears_the_prices()
    {
        var site = await SiteApi.CreateAsync(client, mode: SiteApi.PriceBased(SiteApi.Eur(10), SiteApi.Eur(80)));
        var id = site.GetProperty("id").GetString();
        var patched = await client.PatchJsonAsync($"/api/v1/sites/{id}", """{"dispatch_mode_name": "MANUAL", "name": "Renamed"}""").ExpectAsync(200);
        var mode = patched.GetProperty("dispatch_mode");
        Assert.Equal("MANUAL", mode.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, mode.GetProperty("floor_price").ValueKind);
        Assert.Equal(JsonValueKind.Null, mode.GetProperty("strike_price").ValueKind);
        Assert.Equal("Renamed", patched.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Array, patched.GetProperty("inverters").ValueKind);
    }

    [Fact]
    public async Task Patch_to_price_based_needs_both_prices_after_the_merge()
    {
        var id = await SiteApi.CreateIdAsync(client);
        var problem = await client.PatchJsonAsync($"/api/v1/sites/{id}",
            """{"dispatch_mode_name": "PRICE_BASED", "dispatch_mode_floor_price": {"value": 5, "unit": "PLN/MWh"}}""").ExpectAsync(422);
        Assert.Equal(["body.dispatch_mode_strike_price"], problem.Locs());

        await client.PatchJsonAsync($"/api/v1/sites/{id}",
            """{"dispatch_mode_name": "PRICE_BASED", "dispatch_mode_floor_price": {"value": 5, "unit": "PLN/MWh"}, "dispatch_mode_strike_price": {"value": 500, "unit": "PLN/MWh"}}""")
            .ExpectAsync(200);
        // Only the strike price: the stored floor price stays and must still be below it.
        var lower = await client.PatchJsonAsync($"/api/v1/sites/{id}", """{"dispatch_mode_strike_price": {"value": 4, "unit": "PLN/MWh"}}""").ExpectAsync(422);
        Assert.Equal(["body.dispatch_mode_strike_price"], lower.Locs());
        var raised = await client.PatchJsonAsync($"/api/v1/sites/{id}", """{"dispatch_mode_strike_price": {"value": 600000, "unit": "PLN/MWh"}}""").ExpectAsync(200);
        Assert.Equal("5", raised.GetProperty("dispatch_mode").GetProperty("floor_price").GetProperty("value").GetString());
        Assert.Equal("600000", raised.GetProperty("dispatch_mode").GetProperty("strike_price").GetProperty("value").GetString());
        var cleared = await client.PatchJsonAsync($"/api/v1/sites/{id}", """{"dispatch_mode_floor_price": null}""").ExpectAsync(422);
        Assert.Equal(["body.dispatch_mode_floor_price"], cleared.Locs());
    }

    [Fact]
    public async Task Prices_on_a_manual_site_are_a_422()
    {
        var id = await SiteApi.CreateIdAsync(client);
        var problem = await client.PatchJsonAsync($"/api/v1/sites/{id}", """{"dispatch_mode_floor_price": {"value": 5, "unit": "EUR/MWh"}}""").ExpectAsync(422);
        Assert.Equal(["body.dispatch_mode_floor_price"], problem.Locs());
    }

    [Fact]
    public async Task Code_region_and_delivery_area_are_immutable()
    {
        var id = await SiteApi.CreateIdAsync(client);
        var problem = await client.PatchJsonAsync($"/api/v1/sites/{id}", """{"code": "NEW", "region": "PL", "delivery_area": "PSE", "name": null}""").ExpectAsync(422);
        Assert.Equal(["body.code", "body.region", "body.delivery_area", "body.name"], problem.Locs());
        await client.PatchJsonAsync("/api/v1/sites/DE_50HZ_NOPE_SITE_1", """{"name": "X"}""").ExpectAsync(404);
    }

    [Fact]
    public async Task The_asset_id_filter_finds_the_site_whose_inverter_holds_the_asset()
    {
        var asset = await AssetApi.CreateAsync(client, "PL", "PSE");
        var holder = await SiteApi.CreateIdAsync(client, "PL", "PSE");
        await SiteApi.CreateIdAsync(client, "PL", "PSE");
        await SiteApi.AddInverterIdAsync(client, holder, asset);
        var list = await client.GetAsync($"/api/v1/sites?asset_id={asset}").ExpectAsync(200);
        Assert.Equal([holder], list.GetProperty("sites").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        var none = await client.GetAsync("/api/v1/sites?asset_id=PL_PSE_UNKNOWN_1").ExpectAsync(200);
        Assert.Equal(0, none.GetProperty("sites").GetArrayLength());
    }

    [Fact]
    public async Task Inverters_appear_in_a_list_only_when_expanded()
    {
        var asset = await AssetApi.CreateAsync(client, "DE", "TNNT");
        var site = await SiteApi.CreateIdAsync(client, "DE", "TNNT");
        var inverter = await SiteApi.AddInverterIdAsync(client, site, asset);

        var plain = await client.GetAsync("/api/v1/sites?region=DE&delivery_area=TNNT&limit=1000").ExpectAsync(200);
        Assert.All(plain.GetProperty("sites").EnumerateArray(), s => Assert.False(s.TryGetProperty("inverters", out _)));

        var expanded = await client.GetAsync("/api/v1/sites?region=DE&delivery_area=TNNT&expand=inverters&limit=1000").ExpectAsync(200);
        var ours = expanded.GetProperty("sites").EnumerateArray().Single(s => s.GetProperty("id").GetString() == site);
        var only = Assert.Single(ours.GetProperty("inverters").EnumerateArray());
        Assert.Equal(inverter, only.GetProperty("id").GetString());
        Assert.Equal([asset], only.GetProperty("asset_ids").EnumerateArray().Select(a => a.GetString()));
        Assert.All(expanded.GetProperty("sites").EnumerateArray(), s => Assert.Equal(JsonValueKind.Array, s.GetProperty("inverters").ValueKind));

        var wrong = await client.GetAsync("/api/v1/sites?expand=assets").ExpectAsync(422);
        Assert.Equal(["query.expand.0"], wrong.Locs());
    }

    [Fact]
    public async Task Get_returns_the_site_with_its_inverters_and_404_for_an_unknown_one()
    {
        var asset = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        await SiteApi.AddInverterIdAsync(client, site, asset);
        var got = await client.GetAsync($"/api/v1/sites/{site}").ExpectAsync(200);
        Assert.Equal(1, got.GetProperty("inverters").GetArrayLength());
        var missing = await client.GetAsync("/api/v1/sites/DE_50HZ_NOPE_SITE_1").ExpectAsync(404);
        Assert.Contains("DE_50HZ_NOPE_SITE_1", missing.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Deleting_a_site_removes_its_inverters_and_all_their_limits()
    {
        var asset = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, asset);
        await client.PutJsonAsync($"/api/v1/sites/{site}/limits",
            """{"limits": [{"start_time": "2026-05-01T00:00:00Z", "end_time": "2026-05-01T00:15:00Z", "import_power": 5, "export_power": 5}]}""").ExpectAsync(200);
        await client.PutJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits",
            """{"limits": [{"start_time": "2026-05-01T00:00:00Z", "end_time": "2026-05-01T00:15:00Z", "power_charge": -2, "power_discharge": 2}]}""").ExpectAsync(200);

        await client.DeleteAsync($"/api/v1/sites/{site}").ExpectAsync(204);

        await client.GetAsync($"/api/v1/sites/{site}").ExpectAsync(404);
        await client.DeleteAsync($"/api/v1/sites/{site}").ExpectAsync(404);
        await using var connection = await api.Db.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM inverters WHERE site_id = @site", new { site }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM inverter_assets WHERE inverter_id = @inverter", new { inverter }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM site_limits WHERE site_id = @site", new { site }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM inverter_limits WHERE inverter_id = @inverter", new { inverter }));
        // The asset is free again for another inverter.
        var other = await SiteApi.CreateIdAsync(client);
        await SiteApi.AddInverterIdAsync(client, other, asset);
    }
}
