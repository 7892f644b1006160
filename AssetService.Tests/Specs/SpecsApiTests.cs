using System.Text.Json;
using AssetService.Tests.Support;
using Dapper;

namespace AssetService.Tests.Specs;

public sealed class SpecsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private Task<HttpResponseMessage> Put(object body) => client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(body));

    private async Task<JsonElement[]> SpecsOf(string assetId, string extra = "")
    {
        var list = await client.GetAsync($"/api/v1/specs?asset_ids={assetId}&limit=1000{extra}").ExpectAsync(200);
        return list.GetProperty("specs").EnumerateArray().ToArray();
    }

    private static string? ValidTo(JsonElement spec) =>
        spec.GetProperty("valid_to").ValueKind == JsonValueKind.Null ? null : spec.GetProperty("valid_to").GetString();

    [Fact]
    public async Task A_new_spec_answers_201_with_canonical_units_and_decimal_strings()
    {
        var asset = await AssetApi.CreateAsync(client);
        var spec = await Put(new
        {
            asset_id = asset, valid_from = "2026-01-01T00:00:00+01:00",
            rated_power = new { value = "1500", unit = "kW" },
            max_capacity = new { value = 2.5, unit = "GWh" },
            ramp_rate = 0.5, ramp_type = "LINEAR", charge_efficiency = "0.950", discharge_efficiency = 0.93,
            prequalified_fcr = new { value = 1, unit = "MW" },
        }).ExpectAsync(201);
        Assert.Equal("2025-12-31T23:00:00Z", spec.GetProperty("valid_from").GetString());
        Assert.Equal(JsonValueKind.Null, spec.GetProperty("valid_to").ValueKind);
        Assert.Equal("1.5", spec.GetProperty("rated_power").GetProperty("value").GetString());
        Assert.Equal("MW", spec.GetProperty("rated_power").GetProperty("unit").GetString());
        Assert.Equal("2500", spec.GetProperty("max_capacity").GetProperty("value").GetString());
        Assert.Equal("MWh", spec.GetProperty("max_capacity").GetProperty("unit").GetString());
        Assert.Equal("0.5", spec.GetProperty("ramp_rate").GetString());
        Assert.Equal("0.95", spec.GetProperty("charge_efficiency").GetString());
        Assert.Equal("0.93", spec.GetProperty("discharge_efficiency").GetString());
        Assert.Equal(JsonValueKind.Null, spec.GetProperty("grid_connection_max_power").ValueKind);
        Assert.Equal(
            ["asset_id", "valid_from", "valid_to", "rated_power", "grid_connection_max_power", "max_capacity", "ramp_rate", "ramp_type",
             "charge_efficiency", "discharge_efficiency", "daily_cycle_energy_limit", "prequalified_fcr", "prequalified_afrr_charge",
             "prequalified_afrr_discharge", "created_at", "updated_at"],
            spec.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task A_new_open_ended_spec_closes_its_predecessor_at_its_valid_from()
    {
        var asset = await AssetApi.CreateAsync(client);
        await Put(new { asset_id = asset, valid_from = "2026-01-01T00:00:00Z", rated_power = new { value = 10, unit = "MW" } }).ExpectAsync(201);
        await Put(new { asset_id = asset, valid_from = "2026-03-01T00:00:00Z", rated_power = new { value = 12, unit = "MW" } }).ExpectAsync(201);
        var specs = await SpecsOf(asset);
        Assert.Equal(["2026-03-01T00:00:00Z", "2026-01-01T00:00:00Z"], specs.Select(s => s.GetProperty("valid_from").GetString()));
        Assert.Equal([null, "2026-03-01T00:00:00Z"], specs.Select(ValidTo));
        Assert.Equal("10", specs[1].GetProperty("rated_power").GetProperty("value").GetString());
    }

    [Fact]
    public async Task An_open_ended_spec_starting_before_the_active_one_is_a_422()
    {
        var asset = await AssetApi.CreateAsync(client);
        await Put(new { asset_id = asset, valid_from = "2026-03-01T00:00:00Z" }).ExpectAsync(201);
        var problem = await Put(new { asset_id = asset, valid_from = "2026-02-01T00:00:00Z" }).ExpectAsync(422);
        Assert.Equal(["body.valid_from"], problem.Locs());
        Assert.Contains("2026-03-01T00:00:00Z", problem.GetProperty("detail")[0].GetProperty("msg").GetString());
        Assert.Single(await SpecsOf(asset));
    }

    [Fact]
    public async Task An_open_ended_valid_from_equal_to_a_stored_one_is_the_same_version_never_a_second_one()
    {
        var asset = await AssetApi.CreateAsync(client);
        await Put(new { asset_id = asset, valid_from = "2026-01-01T00:00:00Z", valid_to = "2026-02-01T00:00:00Z" }).ExpectAsync(201);
        await Put(new { asset_id = asset, valid_from = "2026-02-01T00:00:00Z" }).ExpectAsync(201);
        // Reopening the closed January version would overlap the active one.
        var problem = await Put(new { asset_id = asset, valid_from = "2026-01-01T00:00:00Z", valid_to = (string?)null }).ExpectAsync(422);
        Assert.Contains("[2026-02-01T00:00:00Z, open end)", problem.GetProperty("detail")[0].GetProperty("msg").GetString());
        // The active version's own valid_from again is a partial update of it.
        await Put(new { asset_id = asset, valid_from = "2026-02-01T00:00:00Z", ramp_type = "STEP" }).ExpectAsync(200);
        var specs = await SpecsOf(asset);
        Assert.Equal(2, specs.Length);
        Assert.Equal("STEP", specs[0].GetProperty("ramp_type").GetString());
        Assert.Equal("2026-02-01T00:00:00Z", ValidTo(specs[1]));
    }

    [Fact]
    public async Task A_closed_window_overlapping_another_is_a_422_naming_the_clashing_window()
    {
        var asset = await AssetApi.CreateAsync(client);
        await Put(new { asset_id = asset, valid_from = "2026-01-01T00:00:00Z", valid_to = "2026-02-01T00:00:00Z" }).ExpectAsync(201);
        var problem = await Put(new { asset_id = asset, valid_from = "2026-01-15T00:00:00Z", valid_to = "2026-03-01T00:00:00Z" }).ExpectAsync(422);
        Assert.Equal(["body"], problem.Locs());
        Assert.Contains("[2026-01-01T00:00:00Z, 2026-02-01T00:00:00Z)", problem.GetProperty("detail")[0].GetProperty("msg").GetString());
        Assert.Single(await SpecsOf(asset));
    }

    [Fact]
    public async Task Adjacent_closed_windows_are_accepted()
    {
        var asset = await AssetApi.CreateAsync(client);
        await Put(new { asset_id = asset, valid_from = "2026-01-01T00:00:00Z", valid_to = "2026-02-01T00:00:00Z" }).ExpectAsync(201);
        await Put(new { asset_id = asset, valid_from = "2026-02-01T00:00:00Z", valid_to = "2026-03-01T00:00:00Z" }).ExpectAsync(201);
        Assert.Equal(2, (await SpecsOf(asset)).Length);
    }

    [Fact]
    public async Task A_closed_window_after_the_open_ended_one_is_a_422()
    {
        var asset = await AssetApi.CreateAsync(client);
        await Put(new { asset_id = asset, valid_from = "2026-01-01T00:00:00Z" }).ExpectAsync(201);
        var problem = await Put(new { asset_id = asset, valid_from = "2026-05-01T00:00:00Z", valid_to = "2026-06-01T00:00:00Z" }).ExpectAsync(422);
        Assert.Contains("[2026-01-01T00:00:00Z, open end)", problem.GetProperty("detail")[0].GetProperty("msg").GetString());
    }

    [Fact]
    public async Task Partial_update_keeps_absent_fields_and_clears_explicit_nulls()
    {
        var asset = await AssetApi.CreateAsync(client);
        await Put(new
        {
            asset_id = asset, valid_from = "2026-01-01T00:00:00Z",
            rated_power = new { value = 10, unit = "MW" }, max_capacity = new { value = 20, unit = "MWh" }, ramp_type = "LINEAR",
        }).ExpectAsync(201);
        var updated = await client.PutJsonAsync("/api/v1/specs",
            $$"""{"asset_id": "{{asset}}", "valid_from": "2026-01-01T01:00:00+01:00", "max_capacity": null, "charge_efficiency": "0.9"}""").ExpectAsync(200);
        Assert.Equal("10", updated.GetProperty("rated_power").GetProperty("value").GetString());
        Assert.Equal("LINEAR", updated.GetProperty("ramp_type").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("max_capacity").ValueKind);
        Assert.Equal("0.9", updated.GetProperty("charge_efficiency").GetString());
        Assert.Equal(JsonValueKind.Null, updated.GetProperty("valid_to").ValueKind);
        Assert.True(string.CompareOrdinal(updated.GetProperty("updated_at").GetString(), updated.GetProperty("created_at").GetString()) > 0);
    }

    [Fact]
    public async Task Concurrent_open_ended_puts_for_one_asset_leave_windows_that_do_not_overlap()
    {
        var asset = await AssetApi.CreateAsync(client);
        var starts = Enumerable.Range(1, 12).Select(d => new DateTime(2026, 1, d, 0, 0, 0, DateTimeKind.Utc)).Reverse().ToArray();
        var responses = await Task.WhenAll(starts.Select(s => Put(new { asset_id = asset, valid_from = s.ToString("yyyy-MM-ddTHH:mm:ssZ") })));
        Assert.All(responses, r => Assert.True((int)r.StatusCode is 201 or 422, $"{(int)r.StatusCode}"));

        await using var connection = await api.Db.OpenConnectionAsync();
        var windows = (await connection.QueryAsync<(DateTime From, DateTime? To)>(
            "SELECT valid_from, valid_to FROM specs WHERE asset_id = @asset ORDER BY valid_from", new { asset })).ToArray();
        Assert.Equal(responses.Count(r => (int)r.StatusCode == 201), windows.Length);
        Assert.Single(windows, w => w.To is null);
        for (var i = 1; i < windows.Length; i++) Assert.True(windows[i - 1].To <= windows[i].From);
        Assert.Null(windows[^1].To);
    }

    [Fact]
    public async Task Latest_keeps_the_greatest_valid_from_per_asset_ordered_by_asset()
    {
        var first = await AssetApi.CreateAsync(client);
        var second = await AssetApi.CreateAsync(client);
        foreach (var asset in new[] { first, second })
        {
            await Put(new { asset_id = asset, valid_from = "2026-01-01T00:00:00Z" }).ExpectAsync(201);
            await Put(new { asset_id = asset, valid_from = "2026-02-01T00:00:00Z" }).ExpectAsync(201);
        }
        var list = await client.GetAsync($"/api/v1/specs?asset_ids={second}&asset_ids={first},UNKNOWN_1&latest=true").ExpectAsync(200);
        var specs = list.GetProperty("specs").EnumerateArray().ToArray();
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), specs.Select(s => s.GetProperty("asset_id").GetString()));
        Assert.All(specs, s => Assert.Equal("2026-02-01T00:00:00Z", s.GetProperty("valid_from").GetString()));
        Assert.Equal(50, list.GetProperty("limit").GetInt32());
        Assert.Equal(0, list.GetProperty("offset").GetInt32());
    }

    [Fact]
    public async Task From_and_to_bound_valid_from_inclusively_and_span_at_most_31_days()
    {
        var asset = await AssetApi.CreateAsync(client);
        foreach (var month in new[] { "01", "02", "03" })
            await Put(new { asset_id = asset, valid_from = $"2026-{month}-01T00:00:00Z" }).ExpectAsync(201);
        var inside = await SpecsOf(asset, "&from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z");
        Assert.Equal(["2026-03-01T00:00:00Z", "2026-02-01T00:00:00Z"], inside.Select(s => s.GetProperty("valid_from").GetString()));

        // With latest, the window filters first: the newest version inside it, not the newest overall.
        var latestInside = await SpecsOf(asset, "&latest=true&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z");
        Assert.Equal(["2026-02-01T00:00:00Z"], latestInside.Select(s => s.GetProperty("valid_from").GetString()));

        var tooLong = await client.GetAsync($"/api/v1/specs?asset_ids={asset}&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:01Z").ExpectAsync(422);
        Assert.Equal(["query.to"], tooLong.Locs());
        var alone = await client.GetAsync($"/api/v1/specs?asset_ids={asset}&from=2026-01-01T00:00:00Z").ExpectAsync(422);
        Assert.Equal(["query.to"], alone.Locs());
        await client.GetAsync($"/api/v1/specs?asset_ids={asset}&to=2026-01-01T00:00:00Z").ExpectAsync(422);
        await client.GetAsync("/api/v1/specs").ExpectAsync(422);
    }

    [Fact]
    public async Task Specs_of_an_unknown_asset_are_a_404_and_bad_fields_a_422_listing_every_problem()
    {
        await Put(new { asset_id = "DE_50HZ_NOPE_1", valid_from = "2026-01-01T00:00:00Z" }).ExpectAsync(404);
        var asset = await AssetApi.CreateAsync(client);
        var problem = await Put(new
        {
            asset_id = asset, valid_from = "2026-02-01T00:00:00Z", valid_to = "2026-01-01T00:00:00Z",
            rated_power = new { value = 1, unit = "MWh" }, max_capacity = new { value = 1, unit = "MW" },
            charge_efficiency = 1.2, colour = "red",
        }).ExpectAsync(422);
        Assert.Equal(["body.rated_power.unit", "body.max_capacity.unit", "body.charge_efficiency", "body.valid_to", "body.colour"],
            problem.Locs());
    }
}
