using System.Globalization;
using System.Text.Json;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Reservations;

public sealed class ReservationsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private static readonly DateTime Slot = new(2026, 10, 25, 0, 0, 0, DateTimeKind.Utc);

    private static string Entry(string assetId, DateTime start, string market = "DAY_AHEAD", string source = "OPTIMISATION",
        decimal power = -2.5m, string extra = "") =>
        $$"""
        {"asset_id": "{{assetId}}", "start_time": "{{start.Iso()}}", "end_time": "{{start.AddMinutes(15).Iso()}}",
         "market": "{{market}}", "source": "{{source}}", "power": {{power.ToString(CultureInfo.InvariantCulture)}}, "energy_change": -0.625, "energy_buffer_low": 0.5, "energy_buffer_high": 1{{extra}}}
        """;

    private Task<HttpResponseMessage> PutAsync(params string[] entries) => client.PutJsonAsync("/api/v1/reservations", Batch("reservations", entries));

    private async Task<JsonElement[]> GetAsync(string query) =>
        (await client.GetAsync($"/api/v1/reservations?from=2026-10-24T00:00:00Z&to=2026-10-27T00:00:00Z&{query}").ExpectAsync(200))
        .GetProperty("reservations").EnumerateArray().ToArray();

    [Fact]
    public async Task Upsert_overwrites_every_value_keeps_created_at_and_leaves_other_markets_alone()
    {
        var id = await AssetApi.CreateAsync(client);
        await PutAsync(Entry(id, Slot), Entry(id, Slot, market: "INTRADAY")).ExpectAsync(200);
        var before = (await GetAsync($"asset_ids={id}&markets=DAY_AHEAD")).Single();

        var result = await PutAsync(Entry(id, Slot, power: 4)).ExpectAsync(200);
        Assert.Equal(1, result.GetProperty("upserted").GetInt32());
        var rows = await GetAsync($"asset_ids={id}");
        Assert.Equal(["DAY_AHEAD", "INTRADAY"], rows.Select(r => r.Text("market")));
        var after = rows[0];
        Assert.Equal(["asset_id", "start_time", "end_time", "delivery_day", "market", "source", "power", "energy_change",
            "energy_buffer_low", "energy_buffer_high", "created_at", "updated_at"], after.EnumerateObject().Select(p => p.Name));
        Assert.Equal(4m, after.Number("power"));
        Assert.Equal(-0.625m, after.Number("energy_change"));
        Assert.Equal(before.Text("created_at"), after.Text("created_at"));
        Assert.NotEqual(before.Text("updated_at"), after.Text("updated_at"));
        Assert.Equal(-2.5m, rows[1].Number("power"));
        // 00:00Z on the autumn DST Sunday is still 2026-10-25 in Berlin (02:00 CEST).
        Assert.Equal("2026-10-25", after.Text("delivery_day"));
    }

    [Fact]
    public async Task More_than_1000_reservations_is_a_422_and_nothing_is_written()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await PutAsync(Enumerable.Range(0, 1001).Select(i => Entry(id, Slot.AddMinutes(15 * i))).ToArray()).ExpectAsync(422);
        Assert.Equal(["body.reservations"], problem.Locs());
        Assert.Equal(["too_long"], problem.Types());
        Assert.Empty(await GetAsync($"asset_ids={id}"));

        var exactly = await PutAsync(Enumerable.Range(0, 1000).Select(i => Entry(id, Slot.AddMinutes(15 * i))).ToArray()).ExpectAsync(200);
        Assert.Equal(1000, exactly.GetProperty("upserted").GetInt32());
    }

    [Fact]
    public async Task Get_filters_by_markets_and_sources_and_orders_by_the_key()
    {
        var id = await AssetApi.CreateAsync(client);
        await PutAsync(
            Entry(id, Slot.AddMinutes(15), "INTRADAY", "EXTERNAL"),
            Entry(id, Slot, "INTRADAY", "OPTIMISATION"),
            Entry(id, Slot, "DAY_AHEAD", "DAA_SWAP"),
            Entry(id, Slot, "INTRADAY", "EXTERNAL"),
            Entry(id, Slot, "FCR", "OPTIMISATION")).ExpectAsync(200);

        var all = await GetAsync($"asset_ids={id}");
        Assert.Equal(["00:00 DAY_AHEAD DAA_SWAP", "00:00 FCR OPTIMISATION", "00:00 INTRADAY EXTERNAL", "00:00 INTRADAY OPTIMISATION", "00:15 INTRADAY EXTERNAL"],
            all.Select(r => $"{r.Text("start_time")[11..16]} {r.Text("market")} {r.Text("source")}"));
        Assert.Equal(3, (await GetAsync($"asset_ids={id}&markets=INTRADAY")).Length);
        Assert.Equal(4, (await GetAsync($"asset_ids={id}&markets=INTRADAY,FCR")).Length);
        Assert.Equal(2, (await GetAsync($"asset_ids={id}&sources=EXTERNAL")).Length);
        Assert.Equal(["FCR", "INTRADAY"], (await GetAsync($"asset_ids={id}&markets=INTRADAY&markets=FCR&sources=OPTIMISATION")).Select(r => r.Text("market")));
        Assert.Empty(await GetAsync($"asset_ids={id}&markets=NOPE"));
        var problem = await client.GetAsync($"/api/v1/reservations?asset_ids={id}&from=2026-10-24T00:00:00Z&to=2026-10-27T00:00:00Z&sources=MANUAL").ExpectAsync(422);
        Assert.Equal(["query.sources.0"], problem.Locs());
    }

    [Theory]
    [InlineData("day_ahead", "body.reservations.0.market")]
    [InlineData("", "body.reservations.0.market")]
    public async Task Markets_are_1_to_64_characters_of_upper_case_letters_digits_and_underscores(string market, string loc)
    {
        var problem = await PutAsync(Entry("X", Slot, market: market)).ExpectAsync(422);
        Assert.Equal([loc], problem.Locs());
        var tooLong = await PutAsync(Entry("X", Slot, market: new string('M', 65))).ExpectAsync(422);
        Assert.Equal(["string_too_long"], tooLong.Types());
    }

    [Fact]
    public async Task Every_field_is_required_buffers_are_not_negative_and_the_key_is_unique()
    {
        var id = await AssetApi.CreateAsync(client);
        var missing = await PutAsync($$"""{"asset_id": "{{id}}", "start_time": "2026-10-25T00:00:00Z", "end_time": "2026-10-25T00:15:00Z"}""").ExpectAsync(422);
        Assert.Equal(["body.reservations.0.market", "body.reservations.0.source", "body.reservations.0.power", "body.reservations.0.energy_change",
            "body.reservations.0.energy_buffer_low", "body.reservations.0.energy_buffer_high"], missing.Locs());
        var negative = await PutAsync(Entry(id, Slot).Replace("\"energy_buffer_low\": 0.5", "\"energy_buffer_low\": -0.5")).ExpectAsync(422);
        Assert.Equal(["body.reservations.0.energy_buffer_low"], negative.Locs());
        var duplicate = await PutAsync(Entry(id, Slot), Entry(id, Slot, source: "EXTERNAL"), Entry(id, Slot)).ExpectAsync(422);
        Assert.Equal(["body.reservations.2"], duplicate.Locs());
        var unknown = await PutAsync(Entry(id, Slot), Entry("DE_50HZ_NOPE_1", Slot), Entry("DE_50HZ_NOPE_2", Slot)).ExpectAsync(404);
        Assert.Contains("DE_50HZ_NOPE_1, DE_50HZ_NOPE_2", unknown.Text("detail"));
        Assert.Empty(await GetAsync($"asset_ids={id}"));
    }
}
