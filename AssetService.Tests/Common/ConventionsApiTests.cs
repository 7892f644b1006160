using AssetService.Tests.Support;

namespace AssetService.Tests.Common;

/// <summary>Section 1 of the contract over HTTP: timestamps need an offset, in queries and in bodies alike.</summary>
public sealed class ConventionsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_naive_timestamp_in_a_query_is_422_at_its_parameter()
    {
        var problem = await api.Client.GetAsync("/api/v1/status?asset_ids=DE_50HZ_X_1&from=2026-03-29T01:00:00").ExpectAsync(422);
        Assert.Equal(["query.from"], problem.Locs());
        Assert.Equal(["timezone_aware"], problem.Types());
    }

    [Fact]
    public async Task A_naive_timestamp_in_a_body_is_422_at_its_field()
    {
        var id = await AssetApi.CreateAsync(api.Client);
        var problem = await api.Client.PutJsonAsync("/api/v1/forecasts", $$"""
            {"forecasts": [{"asset_id": "{{id}}", "start_time": "2026-03-29T01:00:00", "end_time": "2026-03-29T01:15:00Z", "generation": 1, "consumption": 0}]}
            """).ExpectAsync(422);
        Assert.Equal(["body.forecasts.0.start_time"], problem.Locs());
        Assert.Equal(["timezone_aware"], problem.Types());
    }

    [Fact]
    public async Task Offsets_are_accepted_and_answered_in_utc_with_z()
    {
        var id = await AssetApi.CreateAsync(api.Client);
        await api.Client.PutJsonAsync("/api/v1/forecasts", $$"""
            {"forecasts": [{"asset_id": "{{id}}", "start_time": "2026-03-29T03:00:00+02:00", "end_time": "2026-03-29T03:15:00+02:00", "generation": 1, "consumption": 0}]}
            """).ExpectAsync(200);
        var page = await api.Client.GetAsync($"/api/v1/forecasts?asset_ids={id}&from=2026-03-29T00:00:00Z&to=2026-03-30T00:00:00Z").ExpectAsync(200);
        var row = Assert.Single(page.GetProperty("forecasts").EnumerateArray());
        Assert.Equal("2026-03-29T01:00:00Z", row.GetProperty("start_time").GetString());
        Assert.Equal("2026-03-29", row.GetProperty("delivery_day").GetString());
    }
}
