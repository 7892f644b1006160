using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Limits;

public sealed class LimitsDeleteApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    [Fact]
    public async Task Delete_keeps_a_customer_lock_clears_its_power_limits_and_removes_a_row_with_only_constraints()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(
            LimitEntry(id, "CUSTOMER", "2026-05-04", "\"power_charge\": -2, \"power_discharge\": 3, \"trading_locked\": true", "08:00", "08:15"),
            LimitEntry(id, "CUSTOMER", "2026-05-04", "\"power_discharge\": 5, \"energy_high\": 4", "08:15", "08:30"),
            LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_discharge\": 6", "08:00", "08:30")).ExpectAsync(200);

        var result = await client.DeleteAsync(
            $"/api/v1/limits?asset_id={id}&start_time=2026-05-04T08:00:00Z&end_time=2026-05-04T08:30:00Z&source=CUSTOMER").ExpectAsync(200);
        Assert.Equal(2, result.GetProperty("cleared").GetInt32());
        Assert.Equal(1, result.GetProperty("deleted").GetInt32());

        var groups = await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T08:00:00Z&to=2026-05-04T08:30:00Z");
        var locked = groups[0].Source("CUSTOMER");
        Assert.True(locked.Flag("trading_locked"));
        Assert.Null(locked.Number("power_charge"));
        Assert.Null(locked.Number("power_discharge"));
        Assert.True(groups[0].GetProperty("computed").Flag("trading_locked"));
        Assert.Equal(6m, groups[0].GetProperty("computed").Number("power_discharge"));
        Assert.Equal(["OPERATIONS"], groups[1].GetProperty("sources").EnumerateArray().Select(s => s.Text("source")));
        Assert.Equal(6m, groups[1].Source("OPERATIONS").Number("power_discharge"));
    }

    [Fact]
    public async Task Delete_outside_the_window_or_of_another_source_touches_nothing()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "PV", "2026-05-04", "\"power_charge\": -2", "08:00", "09:00")).ExpectAsync(200);
        var other = await client.DeleteAsync(
            $"/api/v1/limits?asset_id={id}&start_time=2026-05-04T08:00:00Z&end_time=2026-05-04T09:00:00Z&source=CUSTOMER").ExpectAsync(200);
        Assert.Equal(0, other.GetProperty("cleared").GetInt32());
        var half = await client.DeleteAsync(
            $"/api/v1/limits?asset_id={id}&start_time=2026-05-04T08:30:00Z&end_time=2026-05-04T10:00:00Z&source=PV").ExpectAsync(200);
        Assert.Equal(2, half.GetProperty("cleared").GetInt32());
        Assert.Equal(2, half.GetProperty("deleted").GetInt32());
        Assert.Equal(2, (await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z")).Length);
    }

    [Fact]
    public async Task A_lock_released_with_false_lets_delete_remove_the_row()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "CUSTOMER", "2026-05-04", "\"power_charge\": -2, \"trading_locked\": true", "08:00", "08:15")).ExpectAsync(200);
        await client.PatchLimitsAsync(LimitEntry(id, "CUSTOMER", "2026-05-04", "\"trading_locked\": false", "08:00", "08:15")).ExpectAsync(200);
        var result = await client.DeleteAsync(
            $"/api/v1/limits?asset_id={id}&start_time=2026-05-04T08:00:00Z&end_time=2026-05-04T08:15:00Z&source=CUSTOMER").ExpectAsync(200);
        Assert.Equal(1, result.GetProperty("deleted").GetInt32());
        Assert.Empty(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z"));
    }

    [Fact]
    public async Task Delete_for_an_unknown_asset_is_404()
    {
        var problem = await client.DeleteAsync(
            "/api/v1/limits?asset_id=DE_50HZ_NOPE_1&start_time=2026-05-04T08:00:00Z&end_time=2026-05-04T09:00:00Z&source=PV").ExpectAsync(404);
        Assert.Contains("DE_50HZ_NOPE_1", problem.Text("detail"));
    }

    [Theory]
    [InlineData("start_time=2026-05-04T08:00:00Z&end_time=2026-05-04T09:00:00Z&source=PV", "query.asset_id")]
    [InlineData("asset_id=X&start_time=2026-05-04T08:00:00Z&end_time=2026-05-04T09:00:00Z", "query.source")]
    [InlineData("asset_id=X&start_time=2026-05-04T08:00:00Z&end_time=2026-05-04T09:00:00Z&source=SOLAR", "query.source")]
    [InlineData("asset_id=X&start_time=2026-05-04T09:00:00Z&end_time=2026-05-04T08:00:00Z&source=PV", "query.end_time")]
    [InlineData("asset_id=X&start_time=2026-05-04T08:00:00&end_time=2026-05-04T09:00:00Z&source=PV", "query.start_time")]
    public async Task Bad_delete_queries_are_422(string query, string loc)
    {
        var problem = await client.DeleteAsync($"/api/v1/limits?{query}").ExpectAsync(422);
        Assert.Contains(loc, problem.Locs());
    }
}
