using System.Globalization;
using System.Text.Json;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.History;

/// <summary>Contract 6.1: every listed GET answers with as_of what it answered then.</summary>
public sealed class AsOfApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private const string Day = "from=2026-05-04T00:00:00Z&to=2026-05-06T00:00:00Z";

    [Fact]
    public async Task Limits_as_of_show_the_values_rows_and_updated_at_of_then_with_the_same_paging()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -5", "12:00", "13:00")).ExpectAsync(200);
        var first = await client.GetLimitGroupsAsync($"asset_ids={id}&{Day}");
        var t1 = await ChangesApi.InstantAsync();

        await client.PatchLimitsAsync(
            LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -7", "12:00", "12:30"),
            LimitEntry(id, "OPERATIONS", "2026-05-05", "\"power_charge\": -1", "00:00", "00:15")).ExpectAsync(200);
        var second = await client.GetLimitGroupsAsync($"asset_ids={id}&{Day}");
        var t2 = await ChangesApi.InstantAsync();
        await client.DeleteAsync($"/api/v1/limits?asset_id={id}&source=OPERATIONS&start_time=2026-05-04T00:00:00Z&end_time=2026-05-06T00:00:00Z").ExpectAsync(200);
        Assert.Empty(await client.GetLimitGroupsAsync($"asset_ids={id}&{Day}"));

        var atT1 = await client.GetLimitGroupsAsync($"asset_ids={id}&{Day}&as_of={t1.Iso()}");
        Assert.Equal(first.Select(g => g.GetRawText()), atT1.Select(g => g.GetRawText()));
        Assert.Equal(4, atT1.Length);
        Assert.All(atT1, g => Assert.Equal(-5m, g.Source("OPERATIONS").Number("power_charge")));

        var atT2 = await client.GetLimitGroupsAsync($"asset_ids={id}&{Day}&as_of={t2.Iso()}");
        Assert.Equal(second.Select(g => g.GetRawText()), atT2.Select(g => g.GetRawText()));
        Assert.Equal([-7m, -7m, -5m, -5m, -1m], atT2.Select(g => g.Source("OPERATIONS").Number("power_charge")!.Value));

        var page = await client.GetAsync($"/api/v1/limits?asset_ids={id}&{Day}&as_of={t2.Iso()}&limit=2&offset=2").ExpectAsync(200);
        Assert.Equal(second[2..4].Select(g => g.GetRawText()), page.GetProperty("limits").EnumerateArray().Select(g => g.GetRawText()));
        var filtered = await client.GetLimitGroupsAsync($"asset_ids={id}&{Day}&as_of={t2.Iso()}&sources=PV");
        Assert.Empty(filtered);
    }

    [Fact]
    public async Task Forecasts_and_reservations_as_of_show_the_values_of_then()
    {
        var id = await AssetApi.CreateAsync(client);
        var slot = "\"start_time\": \"2026-05-04T10:00:00Z\", \"end_time\": \"2026-05-04T10:15:00Z\"";
        await client.PutJsonAsync("/api/v1/forecasts", $$"""{"forecasts": [{"asset_id": "{{id}}", {{slot}}, "generation": 1.5, "consumption": 0}]}""").ExpectAsync(200);
        const string Reservation = """, "market": "DAY_AHEAD", "source": "OPTIMISATION", "energy_change": -0.5, "energy_buffer_low": 0.5, "energy_buffer_high": 1""";
        await client.PutJsonAsync("/api/v1/reservations", $$"""{"reservations": [{"asset_id": "{{id}}", {{slot}}, "power": -2{{Reservation}}}]}""").ExpectAsync(200);
        var t1 = await ChangesApi.InstantAsync();
        await client.PutJsonAsync("/api/v1/forecasts", $$"""{"forecasts": [{"asset_id": "{{id}}", {{slot}}, "generation": 3, "consumption": 1}]}""").ExpectAsync(200);
        await client.PutJsonAsync("/api/v1/reservations", $$"""{"reservations": [{"asset_id": "{{id}}", {{slot}}, "power": -4{{Reservation}}}]}""").ExpectAsync(200);

        var forecast = Assert.Single((await client.GetAsync($"/api/v1/forecasts?asset_ids={id}&{Day}&as_of={t1.Iso()}").ExpectAsync(200))
            .GetProperty("forecasts").EnumerateArray());
        Assert.Equal(1.5m, forecast.Number("generation"));
        var reservation = Assert.Single((await client.GetAsync($"/api/v1/reservations?asset_ids={id}&{Day}&as_of={t1.Iso()}").ExpectAsync(200))
            .GetProperty("reservations").EnumerateArray());
        Assert.Equal(-2m, reservation.Number("power"));
        Assert.Equal(3m, Assert.Single((await client.GetAsync($"/api/v1/forecasts?asset_ids={id}&{Day}").ExpectAsync(200))
            .GetProperty("forecasts").EnumerateArray()).Number("generation"));
    }

    [Fact]
    public async Task Assets_as_of_keep_deleted_ones_leave_out_later_ones_and_404_what_did_not_exist_yet()
    {
        var code = Codes.Unique();
        var old = await AssetApi.CreateAsync(client, code: code);
        var t1 = await ChangesApi.InstantAsync();
        await client.PatchJsonAsync($"/api/v1/assets/{old}", """{"name": "Renamed"}""").ExpectAsync(200);
        var later = await AssetApi.CreateAsync(client, code: code);
        var t2 = await ChangesApi.InstantAsync();
        await client.DeleteAsync($"/api/v1/assets/{old}").ExpectAsync(204);

        async Task<Dictionary<string, string>> NamesAsync(string asOf) =>
            (await client.GetAsync($"/api/v1/assets?limit=1000{asOf}").ExpectAsync(200)).GetProperty("assets").EnumerateArray()
            .Where(a => a.Text("code") == code).ToDictionary(a => a.Text("id"), a => a.Text("name"));
        Assert.Equal(new Dictionary<string, string> { [old] = "Test asset" }, await NamesAsync($"&as_of={t1.Iso()}"));
        Assert.Equal(new Dictionary<string, string> { [old] = "Renamed", [later] = "Test asset" }, await NamesAsync($"&as_of={t2.Iso()}"));
        Assert.Equal(new Dictionary<string, string> { [later] = "Test asset" }, await NamesAsync(""));

        var deleted = await client.GetAsync($"/api/v1/assets/{old}?as_of={t2.Iso()}").ExpectAsync(200);
        Assert.Equal("Renamed", deleted.Text("name"));
        await client.GetAsync($"/api/v1/assets/{old}").ExpectAsync(404);
        var missing = await client.GetAsync($"/api/v1/assets/{later}?as_of={t1.Iso()}").ExpectAsync(404);
        Assert.StartsWith($"Asset {later} did not exist at ", missing.Text("detail"));
    }

    [Fact]
    public async Task Specs_as_of_show_the_open_version_before_a_later_one_closed_it()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(new { asset_id = id, valid_from = "2026-01-01T00:00:00Z", ramp_rate = 0.5 })).ExpectAsync(201);
        var t1 = await ChangesApi.InstantAsync();
        await client.PutJsonAsync("/api/v1/specs", JsonSerializer.Serialize(new { asset_id = id, valid_from = "2026-03-01T00:00:00Z", ramp_rate = 0.7 })).ExpectAsync(201);

        var then = (await client.GetAsync($"/api/v1/specs?asset_ids={id}&as_of={t1.Iso()}").ExpectAsync(200)).GetProperty("specs").EnumerateArray().ToArray();
        var spec = Assert.Single(then);
        Assert.Equal(JsonValueKind.Null, spec.GetProperty("valid_to").ValueKind);
        var latestThen = (await client.GetAsync($"/api/v1/specs?asset_ids={id}&latest=true&as_of={t1.Iso()}").ExpectAsync(200)).GetProperty("specs");
        Assert.Equal("0.5", Assert.Single(latestThen.EnumerateArray()).Text("ramp_rate"));
        var now = (await client.GetAsync($"/api/v1/specs?asset_ids={id}").ExpectAsync(200)).GetProperty("specs").EnumerateArray().ToArray();
        Assert.Equal(2, now.Length);
        Assert.Equal("2026-03-01T00:00:00Z", now.Single(s => s.Text("valid_from") == "2026-01-01T00:00:00Z").Text("valid_to"));
    }

    [Fact]
    public async Task As_of_in_the_future_or_older_than_the_retention_is_a_422_naming_the_oldest_answerable_instant()
    {
        var id = await AssetApi.CreateAsync(client);
        var future = await client.GetAsync($"/api/v1/limits?asset_ids={id}&{Day}&as_of={DateTime.UtcNow.AddMinutes(5).Iso()}").ExpectAsync(422);
        Assert.Equal(["query.as_of"], future.Locs());
        Assert.Contains("future", future.GetProperty("detail")[0].Text("msg"));

        var tooOld = await client.GetAsync($"/api/v1/assets/{id}?as_of={DateTime.UtcNow.AddDays(-401).Iso()}").ExpectAsync(422);
        var msg = tooOld.GetProperty("detail")[0].Text("msg");
        Assert.Contains("400 days", msg);
        var oldest = DateTime.Parse(msg[(msg.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.InRange(oldest, DateTime.UtcNow.AddDays(-400).AddMinutes(-1), DateTime.UtcNow.AddDays(-400));

        var noOffset = await client.GetAsync($"/api/v1/forecasts?asset_ids={id}&{Day}&as_of=2026-01-01T00:00:00").ExpectAsync(422);
        Assert.Equal(["query.as_of"], noOffset.Locs());
        await client.GetAsync($"/api/v1/assets/{id}?as_of={DateTime.UtcNow.AddDays(-399).Iso()}").ExpectAsync(404);
    }
}
