using System.Text.Json;
using AssetService.Tests.Support;

namespace AssetService.Tests.Sites;

public sealed class SiteLimitsApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private static string Slot(string start, object import, object export) =>
        $$"""{"start_time": "{{start}}", "end_time": "{{DateTime.Parse(start, null, System.Globalization.DateTimeStyles.AdjustToUniversal).AddMinutes(15):yyyy-MM-ddTHH:mm:ssZ}}", "import_power": {{import}}, "export_power": {{export}}}""";

    [Fact]
    public async Task Site_limits_are_upserted_by_start_time_and_read_in_order_with_the_delivery_day()
    {
        var site = await SiteApi.CreateIdAsync(client);
        var put = await client.PutJsonAsync($"/api/v1/sites/{site}/limits",
            $$"""{"limits": [{{Slot("2026-03-28T23:15:00Z", 5, "null")}}, {{Slot("2026-03-28T22:45:00Z", "10.50", 3)}}]}""").ExpectAsync(200);
        Assert.Equal(2, put.GetProperty("upserted").GetInt32());
        await client.PutJsonAsync($"/api/v1/sites/{site}/limits", $$"""{"limits": [{{Slot("2026-03-28T23:15:00Z", 7, 1)}}]}""").ExpectAsync(200);

        var got = await client.GetAsync($"/api/v1/sites/{site}/limits?from=2026-03-28T00:00:00Z&to=2026-03-30T00:00:00Z").ExpectAsync(200);
        var rows = got.GetProperty("limits").EnumerateArray().ToArray();
        Assert.Equal(["2026-03-28T22:45:00Z", "2026-03-28T23:15:00Z"], rows.Select(r => r.GetProperty("start_time").GetString()));
        Assert.Equal(["2026-03-28", "2026-03-29"], rows.Select(r => r.GetProperty("delivery_day").GetString()));
        Assert.Equal("2026-03-28T23:00:00Z", rows[0].GetProperty("end_time").GetString());
        Assert.Equal(10.5m, rows[0].GetProperty("import_power").GetDecimal());
        Assert.Equal("10.5", rows[0].GetProperty("import_power").GetRawText());
        Assert.Equal(7m, rows[1].GetProperty("import_power").GetDecimal());
        Assert.Equal(1m, rows[1].GetProperty("export_power").GetDecimal());
        Assert.Equal(["start_time", "end_time", "delivery_day", "import_power", "export_power", "updated_at"],
            rows[0].EnumerateObject().Select(p => p.Name).ToArray());

        var page = await client.GetAsync($"/api/v1/sites/{site}/limits?from=2026-03-28T00:00:00Z&to=2026-03-30T00:00:00Z&limit=1&offset=1").ExpectAsync(200);
        Assert.Equal("2026-03-28T23:15:00Z", page.GetProperty("limits")[0].GetProperty("start_time").GetString());
        Assert.Equal(1, page.GetProperty("limit").GetInt32());
        Assert.Equal(1, page.GetProperty("offset").GetInt32());
    }

    // Contract section 3: at most 31 delivery days of the market zone may begin in [from, to).
    [Theory]
    [InlineData("2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", 200)]   // 31 UTC days: Berlin days 2 Jan to 1 Feb begin in it
    [InlineData("2026-01-01T00:00:00Z", "2026-02-01T00:15:00Z", 200)]   // still no 32nd Berlin midnight
    [InlineData("2026-01-01T00:00:00Z", "2026-02-01T23:15:00Z", 422)]   // 2 Feb begins at 23:00Z: 32 days
    [InlineData("2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z", 200)]   // the Berlin October: 31 days and one hour
    [InlineData("2026-09-30T22:00:00Z", "2026-11-01T23:00:00Z", 422)]   // and 1 November: 32 delivery days
    [InlineData("2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", 200)]   // the Berlin March: 31 days less one hour
    public async Task A_site_limit_get_spans_at_most_31_delivery_days(string from, string to, int status)
    {
        var site = await SiteApi.CreateIdAsync(client);
        var answer = await client.GetAsync($"/api/v1/sites/{site}/limits?from={from}&to={to}").ExpectAsync(status);
        if (status == 422) Assert.Equal(["query.to"], answer.Locs());
    }

    [Fact]
    public async Task A_site_limit_get_needs_its_window_and_an_existing_site()
    {
        var site = await SiteApi.CreateIdAsync(client);
        var missing = await client.GetAsync($"/api/v1/sites/{site}/limits").ExpectAsync(422);
        Assert.Equal(["query.from", "query.to"], missing.Locs());
        await client.GetAsync("/api/v1/sites/DE_50HZ_NOPE_SITE_1/limits?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z").ExpectAsync(404);
    }

    [Theory]
    [InlineData("DE", "50HZ", "2026-01-01T00:00:00Z", "2026-01-08T00:00:00Z", 200)]
    [InlineData("DE", "50HZ", "2026-01-01T00:00:00Z", "2026-01-08T23:15:00Z", 422)]
    [InlineData("DE", "50HZ", "2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z", 200)]  // the Berlin week of the October change: 7 days and one hour
    [InlineData("PL", "PSE", "2026-10-18T22:00:00Z", "2026-10-25T23:00:00Z", 200)]   // the same week in Warsaw
    [InlineData("PL", "PSE", "2026-10-18T22:00:00Z", "2026-10-26T23:00:00Z", 422)]   // and one more delivery day
    [InlineData("DE", "50HZ", "2026-03-22T23:00:00Z", "2026-03-29T22:00:00Z", 200)]  // the week of the March change: 7 days less one hour
    public async Task An_inverter_limit_get_spans_at_most_7_delivery_days(string region, string area, string from, string to, int status)
    {
        var asset = await AssetApi.CreateAsync(client, region, area);
        var site = await SiteApi.CreateIdAsync(client, region, area);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, asset);
        var answer = await client.GetAsync($"/api/v1/sites/{site}/inverters/{inverter}/limits?from={from}&to={to}").ExpectAsync(status);
        if (status == 422) Assert.Equal(["query.to"], answer.Locs());
    }

    [Fact]
    public async Task Inverter_limits_follow_the_sign_convention_and_are_stored_per_slot()
    {
        var asset = await AssetApi.CreateAsync(client, "PL", "PSE");
        var site = await SiteApi.CreateIdAsync(client, "PL", "PSE");
        var inverter = await SiteApi.AddInverterIdAsync(client, site, asset);
        var path = $"/api/v1/sites/{site}/inverters/{inverter}/limits";
        var bad = await client.PutJsonAsync(path, """
            {"limits": [
              {"start_time": "2026-10-24T22:00:00Z", "end_time": "2026-10-24T22:15:00Z", "power_charge": 1, "power_discharge": -1},
              {"start_time": "2026-10-24T22:05:00Z", "end_time": "2026-10-24T22:20:00Z", "power_charge": -1, "power_discharge": 1},
              {"start_time": "2026-10-24T22:15:00Z", "end_time": "2026-10-24T22:30:00Z", "delivery_day": "2026-10-25"}
            ]}
            """).ExpectAsync(422);
        Assert.Equal(["body.limits.0.power_charge", "body.limits.0.power_discharge", "body.limits.1.start_time", "body.limits.2.delivery_day"], bad.Locs());

        await client.PutJsonAsync(path, """
            {"limits": [{"start_time": "2026-10-24T22:00:00Z", "end_time": "2026-10-24T22:15:00Z", "power_charge": -2.5, "power_discharge": 2.5}]}
            """).ExpectAsync(200);
        var got = await client.GetAsync($"{path}?from=2026-10-24T00:00:00Z&to=2026-10-26T00:00:00Z").ExpectAsync(200);
        var row = Assert.Single(got.GetProperty("limits").EnumerateArray());
        Assert.Equal("2026-10-25", row.GetProperty("delivery_day").GetString());
        Assert.Equal(-2.5m, row.GetProperty("power_charge").GetDecimal());
        Assert.Equal(["start_time", "end_time", "delivery_day", "power_charge", "power_discharge", "updated_at"],
            row.EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task The_same_start_time_twice_in_a_batch_is_a_422_naming_both_positions_and_nothing_is_written()
    {
        var site = await SiteApi.CreateIdAsync(client);
        var problem = await client.PutJsonAsync($"/api/v1/sites/{site}/limits",
            $$"""{"limits": [{{Slot("2026-06-01T10:00:00Z", 1, 1)}}, {{Slot("2026-06-01T10:15:00Z", 1, 1)}}, {{Slot("2026-06-01T12:00:00+02:00", 2, 2)}}]}""")
            .ExpectAsync(422);
        Assert.Equal(["body.limits.2"], problem.Locs());
        Assert.Contains("position 0", problem.GetProperty("detail")[0].GetProperty("msg").GetString());
        var got = await client.GetAsync($"/api/v1/sites/{site}/limits?from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z").ExpectAsync(200);
        Assert.Equal(0, got.GetProperty("limits").GetArrayLength());

        await client.PutJsonAsync($"/api/v1/sites/{site}/limits", """{"limits": []}""").ExpectAsync(422);
        var negative = await client.PutJsonAsync($"/api/v1/sites/{site}/limits", $$"""{"limits": [{{Slot("2026-06-01T10:00:00Z", -1, "\"2\"")}}]}""").ExpectAsync(422);
        Assert.Equal(["body.limits.0.import_power", "body.limits.0.export_power"], negative.Locs());
        await client.PutJsonAsync("/api/v1/sites/DE_50HZ_NOPE_SITE_1/limits", $$"""{"limits": [{{Slot("2026-06-01T10:00:00Z", 1, 1)}}]}""").ExpectAsync(404);
    }
}
