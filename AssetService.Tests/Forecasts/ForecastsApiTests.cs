using System.Globalization;
using System.Text.Json;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Forecasts;

public sealed class ForecastsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private static string Entry(string assetId, DateTime start, decimal generation = 1.5m, decimal consumption = 0.25m, string extra = "") =>
        $$"""{"asset_id": "{{assetId}}", "start_time": "{{start.Iso()}}", "end_time": "{{start.AddMinutes(15).Iso()}}", "generation": {{generation.ToString(CultureInfo.InvariantCulture)}}, "consumption": {{consumption.ToString(CultureInfo.InvariantCulture)}}{{extra}}}""";

    private static readonly DateTime Slot = new(2026, 5, 4, 22, 0, 0, DateTimeKind.Utc);

    private Task<HttpResponseMessage> PutAsync(params string[] entries) => client.PutJsonAsync("/api/v1/forecasts", Batch("forecasts", entries));

    private async Task<JsonElement[]> GetAsync(string query) =>
        (await client.GetAsync($"/api/v1/forecasts?{query}").ExpectAsync(200)).GetProperty("forecasts").EnumerateArray().ToArray();

    [Fact]
    public async Task Upsert_overwrites_values_and_updated_at_and_keeps_created_at()
    {
        var id = await AssetApi.CreateAsync(client);
        var first = await PutAsync(Entry(id, Slot), Entry(id, Slot.AddMinutes(15))).ExpectAsync(200);
        Assert.Equal(2, first.GetProperty("upserted").GetInt32());
        var before = (await GetAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z"))[0];

        var second = await PutAsync(Entry(id, Slot, generation: 3, consumption: 0)).ExpectAsync(200);
        Assert.Equal(1, second.GetProperty("upserted").GetInt32());
        var rows = await GetAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z");
        Assert.Equal(2, rows.Length);
        var after = rows[0];
        Assert.Equal(["asset_id", "start_time", "end_time", "delivery_day", "generation", "consumption", "created_at", "updated_at"],
            after.EnumerateObject().Select(p => p.Name));
        Assert.Equal(3m, after.Number("generation"));
        Assert.Equal(0m, after.Number("consumption"));
        Assert.Equal(before.Text("created_at"), after.Text("created_at"));
        Assert.True(DateTime.Parse(after.Text("updated_at"), CultureInfo.InvariantCulture) > DateTime.Parse(before.Text("updated_at"), CultureInfo.InvariantCulture));
        Assert.Equal(1.5m, rows[1].Number("generation"));
        // 22:00Z is the next day in Berlin in summer.
        Assert.Equal("2026-05-05", after.Text("delivery_day"));
    }

    [Fact]
    public async Task Unknown_assets_are_a_404_naming_every_one_and_nothing_is_written()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await PutAsync(Entry(id, Slot), Entry("DE_50HZ_NOPE_1", Slot), Entry("PL_PSE_NOPE_9", Slot)).ExpectAsync(404);
        Assert.Contains("DE_50HZ_NOPE_1", problem.Text("detail"));
        Assert.Contains("PL_PSE_NOPE_9", problem.Text("detail"));
        Assert.Empty(await GetAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z"));
    }

    [Fact]
    public async Task A_batch_with_a_bad_entry_or_a_duplicate_key_writes_nothing()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await PutAsync(
            Entry(id, Slot),
            Entry(id, Slot.AddMinutes(15), generation: -1),
            Entry(id, Slot, extra: ", \"delivery_day\": \"2026-05-05\""),
            Entry(id, Slot.AddMinutes(30))).ExpectAsync(422);
        Assert.Equal(["body.forecasts.1.generation", "body.forecasts.2.delivery_day"], problem.Locs());

        var duplicate = await PutAsync(Entry(id, Slot), Entry(id, Slot.AddMinutes(15)), Entry(id, Slot)).ExpectAsync(422);
        Assert.Equal(["body.forecasts.2"], duplicate.Locs());
        Assert.Contains("position 0", duplicate.GetProperty("detail")[0].Text("msg"));
        var both = await PutAsync(Entry(id, Slot), Entry(id, Slot.AddMinutes(15), generation: -1), Entry(id, Slot)).ExpectAsync(422);
        Assert.Equal(["body.forecasts.1.generation", "body.forecasts.2"], both.Locs());
        Assert.Empty(await GetAsync($"asset_ids={id}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z"));
    }

    [Theory]
    [InlineData("\"start_time\": \"2026-05-04T10:05:00Z\", \"end_time\": \"2026-05-04T10:20:00Z\"", "body.forecasts.0.start_time")]
    [InlineData("\"start_time\": \"2026-05-04T10:00:00Z\", \"end_time\": \"2026-05-04T11:00:00Z\"", "body.forecasts.0.end_time")]
    [InlineData("\"start_time\": \"2026-05-04T10:00:00\", \"end_time\": \"2026-05-04T10:15:00Z\"", "body.forecasts.0.start_time")]
    [InlineData("\"start_time\": \"2026-05-04T10:00:00Z\", \"end_time\": \"2026-05-04T10:15:00Z\", \"consumption\": null", "body.forecasts.0.consumption")]
    public async Task Slots_must_be_one_quarter_hour_and_both_values_are_required(string fields, string loc)
    {
        var entry = $$"""{"asset_id": "X", "generation": 1, {{fields}}}""";
        if (!fields.Contains("consumption")) entry = entry.Replace("\"generation\": 1", "\"generation\": 1, \"consumption\": 1");
        var problem = await PutAsync(entry).ExpectAsync(422);
        Assert.Equal([loc], problem.Locs());
    }

    [Fact]
    public async Task More_than_10000_entries_or_none_is_a_422()
    {
        var id = await AssetApi.CreateAsync(client);
        var tooMany = await PutAsync(Enumerable.Range(0, 10_001).Select(i => Entry(id, Slot.AddMinutes(15 * i))).ToArray()).ExpectAsync(422);
        Assert.Equal(["too_long"], tooMany.Types());
        var none = await client.PutJsonAsync("/api/v1/forecasts", """{"forecasts": []}""").ExpectAsync(422);
        Assert.Equal(["too_short"], none.Types());
    }

    [Fact]
    public async Task Ten_thousand_entries_are_written_in_one_request()
    {
        var id = await AssetApi.CreateAsync(client);
        var result = await PutAsync(Enumerable.Range(0, 10_000).Select(i => Entry(id, Slot.AddMinutes(15 * i))).ToArray()).ExpectAsync(200);
        Assert.Equal(10_000, result.GetProperty("upserted").GetInt32());
    }

    [Fact]
    public async Task Get_filters_by_assets_and_window_orders_by_asset_and_start_and_pages()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        await PutAsync(Entry(b, Slot), Entry(a, Slot.AddMinutes(15)), Entry(a, Slot), Entry(a, Slot.AddMinutes(-15)), Entry(a, Slot.AddMinutes(30))).ExpectAsync(200);
        var other = await AssetApi.CreateAsync(client);
        await PutAsync(Entry(other, Slot)).ExpectAsync(200);

        var rows = await GetAsync($"asset_ids={b}&asset_ids={a}&from=2026-05-04T22:00:00Z&to=2026-05-04T22:30:00Z");
        Assert.Equal(new[] { (a, "22:00"), (a, "22:15"), (b, "22:00") }.OrderBy(r => r.Item1, StringComparer.Ordinal).ThenBy(r => r.Item2),
            rows.Select(r => (r.Text("asset_id"), r.Text("start_time")[11..16])));
        var page = await client.GetAsync($"/api/v1/forecasts?asset_ids={a},{b}&from=2026-05-04T00:00:00Z&to=2026-05-05T00:00:00Z&limit=2&offset=3").ExpectAsync(200);
        Assert.Equal(2, page.GetProperty("forecasts").GetArrayLength());
        Assert.Equal(3, page.GetProperty("offset").GetInt32());
        await client.GetAsync("/api/v1/forecasts?asset_ids=X&from=2026-05-04T00:00:00Z").ExpectAsync(422);
    }
}
