using System.Text.Json;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Limits;

public sealed class LimitsReadApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private async Task<string> AssetWithThreeSourcesAsync()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(
            LimitEntry(id, "PV", "2026-05-04", "\"energy_low\": 2, \"trading_locked\": false", "12:00", "12:15"),
            LimitEntry(id, "CUSTOMER", "2026-05-04", "\"power_charge\": -3, \"trading_locked\": true", "12:00", "12:15"),
            LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -5, \"power_discharge\": 4, \"energy_high\": 8", "12:00", "12:15"))
            .ExpectAsync(200);
        return id;
    }

    [Fact]
    public async Task Computed_takes_the_most_restrictive_value_of_each_field_and_ignores_nulls()
    {
        var id = await AssetWithThreeSourcesAsync();
        var group = Assert.Single(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z"));
        Assert.Equal(["asset_id", "start_time", "end_time", "delivery_day", "sources", "computed"], group.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["CUSTOMER", "OPERATIONS", "PV"], group.GetProperty("sources").EnumerateArray().Select(s => s.Text("source")));
        Assert.Equal(["source", "power_charge", "power_discharge", "energy_low", "energy_high", "trading_locked", "updated_at"],
            group.Source("PV").EnumerateObject().Select(p => p.Name));
        Assert.Null(group.Source("PV").Number("power_charge"));

        var computed = group.GetProperty("computed");
        Assert.Equal(-3m, computed.Number("power_charge"));
        Assert.Equal(4m, computed.Number("power_discharge"));
        Assert.Equal(2m, computed.Number("energy_low"));
        Assert.Equal(8m, computed.Number("energy_high"));
        Assert.True(computed.Flag("trading_locked"));
    }

    [Fact]
    public async Task Computed_covers_only_the_sources_asked_for_and_is_null_where_none_gives_a_value()
    {
        var id = await AssetWithThreeSourcesAsync();
        var two = Assert.Single(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&sources=OPERATIONS&sources=PV"));
        Assert.Equal(["OPERATIONS", "PV"], two.GetProperty("sources").EnumerateArray().Select(s => s.Text("source")));
        Assert.Equal(-5m, two.GetProperty("computed").Number("power_charge"));
        Assert.False(two.GetProperty("computed").Flag("trading_locked"));

        var pv = Assert.Single(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&sources=PV"));
        var computed = pv.GetProperty("computed");
        Assert.Null(computed.Number("power_charge"));
        Assert.Null(computed.Number("power_discharge"));
        Assert.Equal(2m, computed.Number("energy_low"));
        Assert.Null(computed.Number("energy_high"));
        Assert.False(computed.Flag("trading_locked"));

        Assert.Empty(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&sources=REPORTED,AVAILABILITY"));
    }

    [Fact]
    public async Task Pages_return_every_slot_group_exactly_once_with_all_its_sources()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        var entries = new[] { a, b }.SelectMany(id => new[] { "CUSTOMER", "PV", "REPORTED" }.Select(source =>
            LimitEntry(id, source, "2026-05-04", "\"power_discharge\": 2", "06:00", "11:00")));
        await client.PatchLimitsAsync(entries.ToArray()).ExpectAsync(200);

        var seen = new List<(string, string)>();
        for (var offset = 0; ; offset += 7)
        {
            var page = await client.GetAsync($"/api/v1/limits?asset_ids={b},{a},DE_50HZ_NOPE_1&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&limit=7&offset={offset}").ExpectAsync(200);
            Assert.Equal(7, page.GetProperty("limit").GetInt32());
            Assert.Equal(offset, page.GetProperty("offset").GetInt32());
            var groups = page.GetProperty("limits").EnumerateArray().ToArray();
            if (groups.Length == 0) break;
            Assert.All(groups, g => Assert.Equal(3, g.GetProperty("sources").GetArrayLength()));
            seen.AddRange(groups.Select(g => (g.Text("asset_id"), g.Text("start_time"))));
        }
        var expected = new[] { a, b }.Order(StringComparer.Ordinal)
            .SelectMany(id => Enumerable.Range(0, 20).Select(i => (id, new DateTime(2026, 5, 4, 6, 0, 0).AddMinutes(15 * i).Iso())))
            .ToArray();
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task The_window_is_half_open_and_unknown_assets_match_nothing()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "PV", "2026-05-04", "\"power_discharge\": 2", "06:00", "07:00")).ExpectAsync(200);
        var groups = await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T08:15:00%2B02:00&to=2026-05-04T06:45:00Z");
        Assert.Equal(["2026-05-04T06:15:00Z", "2026-05-04T06:30:00Z"], groups.Select(g => g.Text("start_time")));
        Assert.Empty(await client.GetLimitGroupsAsync("asset_ids=DE_50HZ_NOPE_1&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z"));
    }

    [Theory]
    [InlineData("from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z", "query.asset_ids")]
    [InlineData("asset_ids=X&to=2026-05-05T00:00:00Z", "query.from")]
    [InlineData("asset_ids=X&from=2026-05-04T00:00:00Z", "query.to")]
    [InlineData("asset_ids=X&from=2026-05-04T00:00:00&to=2026-05-05T00:00:00Z", "query.from")]
    [InlineData("asset_ids=X&from=2026-05-05T00:00:00Z&to=2026-05-04T00:00:00Z", "query.to")]
    [InlineData("asset_ids=X&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&sources=PV,SOLAR", "query.sources.1")]
    public async Task Bad_queries_are_422(string query, string loc)
    {
        var problem = await client.GetAsync($"/api/v1/limits?{query}").ExpectAsync(422);
        Assert.Contains(loc, problem.Locs());
    }

    [Fact]
    public async Task Numbers_are_json_numbers_in_mw_and_mwh()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "PV", "2026-05-04", "\"power_charge\": -1.25, \"energy_high\": 12.5", "06:00", "06:15")).ExpectAsync(200);
        var row = Assert.Single(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z")).Source("PV");
        Assert.Equal(JsonValueKind.Number, row.GetProperty("power_charge").ValueKind);
        Assert.Equal(-1.25m, row.Number("power_charge"));
        Assert.Equal(12.5m, row.Number("energy_high"));
    }
}
