using AssetService.Tests.Support;

namespace AssetService.Tests.Status;

public sealed class StatusApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Theory]
    [InlineData("latest=true", new[] { "query.asset_ids" })]
    [InlineData("asset_ids=A", new[] { "query.from" })]
    [InlineData("asset_ids=A&to=2026-06-01T00:00:00Z", new[] { "query.from" })]
    [InlineData("asset_ids=A&latest=true&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z", new[] { "query.from", "query.to" })]
    [InlineData("asset_ids=A&from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z", new[] { "query.to" })]
    [InlineData("asset_ids=A&latest=true&status=ONLINE,SLEEPING", new[] { "query.status.1" })]
    [InlineData("asset_ids=A&latest=maybe", new[] { "query.latest", "query.from" })]
    public async Task Invalid_status_queries_are_422(string query, string[] locs)
    {
        var problem = await api.Client.GetAsync($"/api/v1/status?{query}").ExpectAsync(422);
        Assert.Equal(locs, problem.Locs());
    }

    [Fact]
    public async Task Unknown_assets_give_an_empty_list_in_both_modes()
    {
        var latest = await api.Client.GetAsync("/api/v1/status?asset_ids=DE_50HZ_NOPE_1&latest=true").ExpectAsync(200);
        Assert.Empty(latest.GetProperty("statuses").EnumerateArray());
        var history = await api.Client.GetAsync("/api/v1/status?asset_ids=DE_50HZ_NOPE_1&from=2026-01-01T00:00:00Z&limit=10&offset=5").ExpectAsync(200);
        Assert.Equal((10, 5), (history.GetProperty("limit").GetInt32(), history.GetProperty("offset").GetInt32()));
    }

    [Fact]
    public async Task The_status_of_an_unknown_asset_is_404()
    {
        await api.Client.GetAsync("/api/v1/assets/DE_50HZ_NOPE_1/status").ExpectAsync(404);
    }
}
