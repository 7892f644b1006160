using System.Globalization;
using System.Text.Json;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.StateSnapshots;

public sealed class StateSnapshotsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private static readonly DateTime T0 = new(2026, 5, 4, 10, 0, 0, DateTimeKind.Utc);

    private static string Entry(string assetId, DateTime at, decimal stored = 3.5m, string energies = ", \"charged_energy\": 0.5, \"discharged_energy\": 0") =>
        $$"""{"asset_id": "{{assetId}}", "effective_at": "{{at.Iso()}}", "stored_energy": {{stored.ToString(CultureInfo.InvariantCulture)}}{{energies}}}""";

    private Task<HttpResponseMessage> PostAsync(params string[] entries) => client.PostJsonAsync("/api/v1/state-snapshots", Batch("state_snapshots", entries));

    private async Task<JsonElement> GetAsync(string query) => await client.GetAsync($"/api/v1/state-snapshots?{query}").ExpectAsync(200);

    [Fact]
    public async Task Post_answers_the_rows_as_stored_in_request_order_and_an_upsert_keeps_created_at()
    {
        var id = await AssetApi.CreateAsync(client);
        var first = await PostAsync(Entry(id, T0.AddMinutes(5)), Entry(id, T0, energies: "")).ExpectAsync(200);
        var rows = first.GetProperty("state_snapshots").EnumerateArray().ToArray();
        Assert.Equal(["2026-05-04T10:05:00Z", "2026-05-04T10:00:00Z"], rows.Select(r => r.Text("effective_at")));
        Assert.Equal(["asset_id", "effective_at", "stored_energy", "charged_energy", "discharged_energy", "created_at", "updated_at"],
            rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Null(rows[1].Number("charged_energy"));

        var second = await PostAsync(Entry(id, T0, stored: 4.25m, energies: ", \"charged_energy\": 0.75")).ExpectAsync(200);
        var updated = second.GetProperty("state_snapshots")[0];
        Assert.Equal(4.25m, updated.Number("stored_energy"));
        Assert.Equal(0.75m, updated.Number("charged_energy"));
        Assert.Null(updated.Number("discharged_energy"));
        Assert.Equal(rows[1].Text("created_at"), updated.Text("created_at"));
        Assert.NotEqual(rows[1].Text("updated_at"), updated.Text("updated_at"));
    }

    [Fact]
    public async Task Ten_thousand_snapshots_are_written_in_one_post()
    {
        var id = await AssetApi.CreateAsync(client);
        var result = await PostAsync(Enumerable.Range(0, 10_000).Select(i => Entry(id, T0.AddSeconds(30 * i))).ToArray()).ExpectAsync(200);
        Assert.Equal(10_000, result.GetProperty("state_snapshots").GetArrayLength());
        var page = await GetAsync($"asset_ids={id}&from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z&limit=1000");
        Assert.Equal(1000, page.GetProperty("state_snapshots").GetArrayLength());
        Assert.Equal(5000m, page.GetProperty("total_charged_energy").Number(id));

        var tooMany = await PostAsync(Enumerable.Range(0, 10_001).Select(i => Entry(id, T0.AddSeconds(30 * i))).ToArray()).ExpectAsync(422);
        Assert.Equal(["too_long"], tooMany.Types());
    }

    [Fact]
    public async Task Unknown_assets_are_a_422_with_one_item_per_offending_entry_and_nothing_is_written()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await PostAsync(Entry(id, T0), Entry("DE_50HZ_NOPE_1", T0), Entry(id, T0.AddMinutes(1)), Entry("DE_50HZ_NOPE_1", T0.AddMinutes(1)),
            Entry("PL_PSE_NOPE_2", T0)).ExpectAsync(422);
        Assert.Equal(["body.state_snapshots.1.asset_id", "body.state_snapshots.3.asset_id", "body.state_snapshots.4.asset_id"], problem.Locs());
        Assert.Contains("PL_PSE_NOPE_2", problem.GetProperty("detail")[2].Text("msg"));
        Assert.Empty((await GetAsync($"asset_ids={id}&from=2026-05-01T00:00:00Z")).GetProperty("state_snapshots").EnumerateArray());
    }

    [Theory]
    [InlineData(", \"stored_energy\": -1", "body.state_snapshots.0.stored_energy")]
    [InlineData(", \"stored_energy\": 1, \"charged_energy\": -0.1", "body.state_snapshots.0.charged_energy")]
    [InlineData(", \"stored_energy\": null", "body.state_snapshots.0.stored_energy")]
    [InlineData("", "body.state_snapshots.0.stored_energy")]
    [InlineData(", \"stored_energy\": 1, \"soc\": 0.5", "body.state_snapshots.0.soc")]
    public async Task Energies_are_not_negative_and_stored_energy_is_required(string fields, string loc)
    {
        var problem = await PostAsync($$"""{"asset_id": "X", "effective_at": "2026-05-04T10:00:00Z"{{fields}}}""").ExpectAsync(422);
        Assert.Equal([loc], problem.Locs());
    }

    [Fact]
    public async Task The_same_asset_and_instant_twice_is_a_422_even_written_with_different_offsets()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await PostAsync(Entry(id, T0), Entry(id, T0).Replace("2026-05-04T10:00:00Z", "2026-05-04T12:00:00+02:00")).ExpectAsync(422);
        Assert.Equal(["body.state_snapshots.1"], problem.Locs());
    }

    [Fact]
    public async Task Latest_gives_the_newest_per_asset_ordered_by_asset_with_empty_totals()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        var none = await AssetApi.CreateAsync(client);
        await PostAsync(Entry(a, T0, 1), Entry(a, T0.AddHours(1), 2), Entry(b, T0.AddHours(-1), 7)).ExpectAsync(200);

        var latest = await GetAsync($"asset_ids={b},{a},{none},DE_50HZ_NOPE_1&latest=true");
        var rows = latest.GetProperty("state_snapshots").EnumerateArray().ToArray();
        Assert.Equal(new[] { (a, 2m), (b, 7m) }.OrderBy(r => r.Item1, StringComparer.Ordinal), rows.Select(r => (r.Text("asset_id"), r.Number("stored_energy")!.Value)));
        Assert.Empty(latest.GetProperty("total_charged_energy").EnumerateObject());
        Assert.Empty(latest.GetProperty("total_discharged_energy").EnumerateObject());
    }

    [Fact]
    public async Task Range_is_ordered_by_time_then_asset_and_totals_cover_the_whole_window_not_the_page()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        await PostAsync(
            Entry(a, T0, energies: ", \"charged_energy\": 1, \"discharged_energy\": 0.5"),
            Entry(b, T0, energies: ", \"discharged_energy\": 2"),
            Entry(a, T0.AddMinutes(15), energies: ", \"charged_energy\": 1.25, \"discharged_energy\": null"),
            Entry(b, T0.AddMinutes(15), energies: ""),
            Entry(a, T0.AddMinutes(30), energies: ", \"charged_energy\": 100")).ExpectAsync(200);

        var page = await GetAsync($"asset_ids={a},{b}&from=2026-05-04T10:00:00Z&to=2026-05-04T10:30:00Z&limit=1&offset=1");
        Assert.Equal(["state_snapshots", "limit", "offset", "total_charged_energy", "total_discharged_energy"], page.EnumerateObject().Select(p => p.Name));
        var first = string.CompareOrdinal(a, b) < 0 ? a : b;
        var second = first == a ? b : a;
        Assert.Equal(second, page.GetProperty("state_snapshots")[0].Text("asset_id"));
        Assert.Equal("2026-05-04T10:00:00Z", page.GetProperty("state_snapshots")[0].Text("effective_at"));
        Assert.Equal(2.25m, page.GetProperty("total_charged_energy").Number(a));
        Assert.Null(page.GetProperty("total_charged_energy").Number(b));
        Assert.Equal(0.5m, page.GetProperty("total_discharged_energy").Number(a));
        Assert.Equal(2m, page.GetProperty("total_discharged_energy").Number(b));
    }

    [Fact]
    public async Task To_defaults_to_now()
    {
        var id = await AssetApi.CreateAsync(client);
        var now = DateTime.UtcNow;
        await PostAsync(Entry(id, now.AddMinutes(-1)), Entry(id, now.AddHours(1))).ExpectAsync(200);
        var page = await GetAsync($"asset_ids={id}&from={now.AddHours(-1).Iso()}");
        Assert.Single(page.GetProperty("state_snapshots").EnumerateArray());
        var future = await GetAsync($"asset_ids={id}&from={now.AddMinutes(30).Iso()}");
        Assert.Empty(future.GetProperty("state_snapshots").EnumerateArray());
        Assert.Empty(future.GetProperty("total_charged_energy").EnumerateObject());
    }

    [Theory]
    [InlineData("asset_ids=X&latest=true&from=2026-05-04T00:00:00Z", "query.from")]
    [InlineData("asset_ids=X&latest=true&to=2026-05-04T00:00:00Z", "query.to")]
    [InlineData("asset_ids=X", "query.from")]
    [InlineData("asset_ids=X&to=2026-05-04T00:00:00Z", "query.from")]
    [InlineData("latest=true", "query.asset_ids")]
    [InlineData("asset_ids=X&from=2026-05-04T00:00:00Z&to=2026-05-03T00:00:00Z", "query.to")]
    public async Task Latest_and_a_window_exclude_each_other_and_one_of_them_is_required(string query, string loc)
    {
        var problem = await client.GetAsync($"/api/v1/state-snapshots?{query}").ExpectAsync(422);
        Assert.Equal([loc], problem.Locs());
    }
}
