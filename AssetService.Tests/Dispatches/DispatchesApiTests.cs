using System.Text.Json;
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using AssetService.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AssetService.Tests.Dispatches;

public sealed class DispatchesApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private async Task IngestAsync(params Dictionary<string, object?>[] dispatches)
    {
        var outcome = await api.App.Services.GetRequiredService<DispatchIngestion>()
            .IngestAsync(Messages.Received(new { dispatches }), CancellationToken.None);
        Assert.IsType<CompletedOutcome>(outcome);
    }

    private static string[] Ids(JsonElement page) =>
        page.GetProperty("dispatches").EnumerateArray().Select(d => d.GetProperty("id").GetString()!).ToArray();

    [Fact]
    public async Task Dispatches_are_ordered_by_asset_start_issued_at_and_id_within_from_to()
    {
        var a = await AssetApi.CreateAsync(api.Client);
        var b = await AssetApi.CreateAsync(api.Client);
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var (low, high) = first.ToString().CompareTo(second.ToString()) < 0 ? (first, second) : (second, first);
        var reissued = Messages.Dispatch(a, start: "2026-06-01T10:00:00Z", end: "2026-06-01T10:15:00Z", issuedAt: "2026-06-01T09:30:00Z");
        var original = Messages.Dispatch(a, start: "2026-06-01T10:00:00Z", end: "2026-06-01T10:15:00Z", issuedAt: "2026-06-01T09:00:00Z");
        var sameIssueHigh = Messages.Dispatch(a, high, start: "2026-06-01T11:00:00Z", end: "2026-06-01T11:15:00Z");
        var sameIssueLow = Messages.Dispatch(a, low, start: "2026-06-01T11:00:00Z", end: "2026-06-01T11:15:00Z");
        var ofB = Messages.Dispatch(b, start: "2026-06-01T09:00:00Z", end: "2026-06-01T09:15:00Z");
        var atTo = Messages.Dispatch(a, start: "2026-06-01T12:00:00Z", end: "2026-06-01T12:15:00Z");
        var beforeFrom = Messages.Dispatch(a, start: "2026-06-01T08:45:00Z", end: "2026-06-01T09:15:00Z");
        await IngestAsync(reissued, original, sameIssueHigh, sameIssueLow, ofB, atTo, beforeFrom);

        var page = await api.Client.GetAsync($"/api/v1/dispatches?asset_ids={a}&asset_ids={b}&from=2026-06-01T09:00:00Z&to=2026-06-01T12:00:00Z").ExpectAsync(200);

        string[] ofA = [(string)original["dispatch_id"]!, (string)reissued["dispatch_id"]!, low.ToString(), high.ToString()];
        string[] expected = string.CompareOrdinal(a, b) < 0 ? [.. ofA, (string)ofB["dispatch_id"]!] : [(string)ofB["dispatch_id"]!, .. ofA];
        Assert.Equal(expected, Ids(page));

        var second2 = await api.Client.GetAsync($"/api/v1/dispatches?asset_ids={a},{b}&from=2026-06-01T09:00:00Z&to=2026-06-01T12:00:00Z&limit=2&offset=2").ExpectAsync(200);
        Assert.Equal(expected[2..4], Ids(second2));
        Assert.Equal((2, 2), (second2.GetProperty("limit").GetInt32(), second2.GetProperty("offset").GetInt32()));
    }

    [Fact]
    public async Task Delivery_day_narrows_the_window_in_the_market_time_zone()
    {
        var asset = await AssetApi.CreateAsync(api.Client, "DE", "TNBW");
        var lateOnFirst = Messages.Dispatch(asset, start: "2026-06-01T21:45:00Z", end: "2026-06-01T22:00:00Z");
        var midnightBerlin = Messages.Dispatch(asset, start: "2026-06-01T22:00:00Z", end: "2026-06-01T22:15:00Z");
        await IngestAsync(lateOnFirst, midnightBerlin);

        var page = await api.Client.GetAsync($"/api/v1/dispatches?asset_ids={asset}&from=2026-06-01T00:00:00Z&to=2026-06-03T00:00:00Z&delivery_day=2026-06-02").ExpectAsync(200);

        Assert.Equal([(string)midnightBerlin["dispatch_id"]!], Ids(page));
    }

    [Fact]
    public async Task Unknown_asset_ids_match_nothing()
    {
        var page = await api.Client.GetAsync("/api/v1/dispatches?asset_ids=DE_50HZ_NOPE_1&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z").ExpectAsync(200);
        Assert.Empty(Ids(page));
    }

    [Theory]
    [InlineData("", new[] { "query.asset_ids", "query.from", "query.to" })]
    [InlineData("asset_ids=A&from=2026-06-01T00:00:00&to=2026-06-02T00:00:00Z", new[] { "query.from" })]
    [InlineData("asset_ids=A&from=2026-06-02T00:00:00Z&to=2026-06-01T00:00:00Z", new[] { "query.to" })]
    [InlineData("asset_ids=A&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z&delivery_day=2026-6-1&limit=0", new[] { "query.delivery_day", "query.limit" })]
    public async Task Invalid_queries_are_422_naming_every_parameter(string query, string[] locs)
    {
        var problem = await api.Client.GetAsync($"/api/v1/dispatches?{query}").ExpectAsync(422);
        Assert.Equal(locs, problem.Locs());
    }

    [Fact]
    public async Task Dispatches_cannot_be_written_over_http()
    {
        await api.Client.PostJsonAsync("/api/v1/dispatches", "{}").ExpectAsync(404);
    }
}
