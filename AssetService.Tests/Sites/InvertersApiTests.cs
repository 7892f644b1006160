using System.Text.Json;
using AssetService.Tests.Support;

namespace AssetService.Tests.Sites;

public sealed class InvertersApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    [Fact]
    public async Task Adding_an_inverter_returns_201_with_its_id_canonical_power_and_decimal_strings()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var response = await SiteApi.AddInverter(client, site, b, a);
        var inverter = await Task.FromResult(response).ExpectAsync(201);
        Assert.Equal($"{site}_INV_1", inverter.GetProperty("id").GetString());
        Assert.Equal($"/api/v1/sites/{site}/inverters/{site}_INV_1", response.Headers.Location!.ToString());
        Assert.Equal(site, inverter.GetProperty("site_id").GetString());
        Assert.Equal("2.5", inverter.GetProperty("rated_power").GetProperty("value").GetString());
        Assert.Equal("MW", inverter.GetProperty("rated_power").GetProperty("unit").GetString());
        Assert.Equal("0.95", inverter.GetProperty("charge_efficiency").GetString());
        Assert.Equal("0.94", inverter.GetProperty("discharge_efficiency").GetString());
        Assert.Equal(new[] { a, b }.Order(StringComparer.Ordinal), inverter.GetProperty("asset_ids").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["id", "site_id", "rated_power", "charge_efficiency", "discharge_efficiency", "asset_ids"],
            inverter.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Unknown_assets_are_a_404_naming_all_of_them()
    {
        var known = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var problem = await SiteApi.AddInverter(client, site, "DE_50HZ_NOPE_2", known, "DE_50HZ_NOPE_1").ExpectAsync(404);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains("DE_50HZ_NOPE_1", detail);
        Assert.Contains("DE_50HZ_NOPE_2", detail);
        Assert.DoesNotContain(known, detail);
        await SiteApi.AddInverter(client, "DE_50HZ_NOPE_SITE_1", known).ExpectAsync(404);
    }

    [Fact]
    public async Task An_asset_of_another_region_or_delivery_area_is_a_422()
    {
        var same = await AssetApi.CreateAsync(client, "DE", "50HZ");
        var polish = await AssetApi.CreateAsync(client, "PL", "PSE");
        var otherArea = await AssetApi.CreateAsync(client, "DE", "TNBW");
        var site = await SiteApi.CreateIdAsync(client, "DE", "50HZ");
        var problem = await SiteApi.AddInverter(client, site, same, polish, otherArea).ExpectAsync(422);
        Assert.Equal(["body.asset_ids.1", "body.asset_ids.2"], problem.Locs());
        Assert.Contains(polish, problem.GetProperty("detail")[0].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task An_asset_already_on_another_inverter_is_a_409()
    {
        var asset = await AssetApi.CreateAsync(client);
        var first = await SiteApi.CreateIdAsync(client);
        var second = await SiteApi.CreateIdAsync(client);
        var holder = await SiteApi.AddInverterIdAsync(client, first, asset);
        var conflict = await SiteApi.AddInverter(client, second, asset).ExpectAsync(409);
        Assert.Contains(holder, conflict.GetProperty("detail").GetString());
        await SiteApi.AddInverter(client, first, asset).ExpectAsync(409);
        Assert.Equal(1, (await client.GetAsync($"/api/v1/sites/{first}").ExpectAsync(200)).GetProperty("inverters").GetArrayLength());
        Assert.Equal(0, (await client.GetAsync($"/api/v1/sites/{second}").ExpectAsync(200)).GetProperty("inverters").GetArrayLength());
    }

    [Fact]
    public async Task Concurrent_inverters_for_one_asset_leave_it_on_exactly_one()
    {
        var asset = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SiteApi.AddInverter(client, site, asset)));
        Assert.Equal(1, responses.Count(r => (int)r.StatusCode == 201));
        Assert.Equal(7, responses.Count(r => (int)r.StatusCode == 409));
    }

    [Fact]
    public async Task Duplicate_asset_ids_and_bad_fields_are_a_422()
    {
        var asset = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var problem = await client.PostJsonAsync($"/api/v1/sites/{site}/inverters", JsonSerializer.Serialize(new
        {
            rated_power = new { value = 0, unit = "MW" }, charge_efficiency = 0, discharge_efficiency = "1.5", asset_ids = new[] { asset, asset },
        })).ExpectAsync(422);
        Assert.Equal(["body.rated_power.value", "body.charge_efficiency", "body.discharge_efficiency", "body.asset_ids.1"], problem.Locs());
        var empty = await client.PostJsonAsync($"/api/v1/sites/{site}/inverters", JsonSerializer.Serialize(new
        {
            rated_power = new { value = 1, unit = "MWh" }, charge_efficiency = 1, discharge_efficiency = 1, asset_ids = Array.Empty<string>(),
        })).ExpectAsync(422);
        Assert.Equal(["body.rated_power.unit", "body.asset_ids"], empty.Locs());
    }

    [Fact]
    public async Task Patch_replaces_the_asset_list_and_keeps_absent_fields()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, a);
        var patched = await client.PatchJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}",
            JsonSerializer.Serialize(new { asset_ids = new[] { b }, charge_efficiency = 0.9 })).ExpectAsync(200);
        Assert.Equal([b], patched.GetProperty("asset_ids").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("0.9", patched.GetProperty("charge_efficiency").GetString());
        Assert.Equal("0.94", patched.GetProperty("discharge_efficiency").GetString());
        Assert.Equal("2.5", patched.GetProperty("rated_power").GetProperty("value").GetString());
        // The same list again is no conflict with itself; the released asset is free for another inverter.
        await client.PatchJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}", JsonSerializer.Serialize(new { asset_ids = new[] { b } })).ExpectAsync(200);
        await SiteApi.AddInverterIdAsync(client, site, a);
        await client.PatchJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}", JsonSerializer.Serialize(new { asset_ids = new[] { a, b } })).ExpectAsync(409);
        var nulls = await client.PatchJsonAsync($"/api/v1/sites/{site}/inverters/{inverter}", """{"rated_power": null, "asset_ids": null}""").ExpectAsync(422);
        Assert.Equal(["body.rated_power", "body.asset_ids"], nulls.Locs());
    }

    [Fact]
    public async Task An_inverter_path_under_another_site_is_a_404()
    {
        var asset = await AssetApi.CreateAsync(client);
        var owner = await SiteApi.CreateIdAsync(client);
        var other = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, owner, asset);
        var limits = """{"limits": [{"start_time": "2026-05-01T00:00:00Z", "end_time": "2026-05-01T00:15:00Z", "power_charge": -1, "power_discharge": 1}]}""";

        await client.PatchJsonAsync($"/api/v1/sites/{other}/inverters/{inverter}", """{"charge_efficiency": 0.5}""").ExpectAsync(404);
        await client.PutJsonAsync($"/api/v1/sites/{other}/inverters/{inverter}/limits", limits).ExpectAsync(404);
        await client.GetAsync($"/api/v1/sites/{other}/inverters/{inverter}/limits?from=2026-05-01T00:00:00Z&to=2026-05-02T00:00:00Z").ExpectAsync(404);
        var missing = await client.DeleteAsync($"/api/v1/sites/{other}/inverters/{inverter}").ExpectAsync(404);
        Assert.Contains(other, missing.GetProperty("detail").GetString());

        await client.PutJsonAsync($"/api/v1/sites/{owner}/inverters/{inverter}/limits", limits).ExpectAsync(200);
        await client.DeleteAsync($"/api/v1/sites/{owner}/inverters/{inverter}").ExpectAsync(204);
        Assert.Equal(0, (await client.GetAsync($"/api/v1/sites/{owner}").ExpectAsync(200)).GetProperty("inverters").GetArrayLength());
    }

    [Fact]
    public async Task Deleting_an_asset_removes_it_from_its_inverter()
    {
        var kept = await AssetApi.CreateAsync(client);
        var removed = await AssetApi.CreateAsync(client);
        var site = await SiteApi.CreateIdAsync(client);
        await SiteApi.AddInverterIdAsync(client, site, kept, removed);
        await client.DeleteAsync($"/api/v1/assets/{removed}").ExpectAsync(204);
        var inverter = (await client.GetAsync($"/api/v1/sites/{site}").ExpectAsync(200)).GetProperty("inverters")[0];
        Assert.Equal([kept], inverter.GetProperty("asset_ids").EnumerateArray().Select(x => x.GetString()));
    }
}
