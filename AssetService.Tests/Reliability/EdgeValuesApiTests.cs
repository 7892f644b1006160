using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AssetService.Core.Common;
using AssetService.Tests.Support;

namespace AssetService.Tests.Reliability;

/// <summary>Bodies at the edges of what the service supports: bytes, instants, dates and magnitudes.</summary>
public sealed class EdgeValuesApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string FirstSlot = "2000-01-01T00:00:00Z";
    private const string LastSlot = "2099-12-31T23:45:00Z";
    private const string End = "2100-01-01T00:00:00Z";

    private Task<HttpResponseMessage> SendBytes(HttpMethod method, string url, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return api.Client.SendAsync(new HttpRequestMessage(method, url) { Content = content });
    }

    private static string Asset(string code) =>
        $$"""{"code":"{{code}}","name":"Edge","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}""";

    [Fact]
    public async Task Invalid_utf8_inside_a_string_is_a_422_json_invalid()
    {
        var body = Encoding.UTF8.GetBytes(Asset(Codes.Unique())).ToList();
        body.InsertRange(Encoding.UTF8.GetString(body.ToArray()).IndexOf("Edge", StringComparison.Ordinal), [0xFF, 0xFE]);
        var problem = await SendBytes(HttpMethod.Post, "/api/v1/assets", body.ToArray()).ExpectAsync(422);
        Assert.Equal(["json_invalid"], problem.Types());
        Assert.Contains("UTF-8", problem.GetProperty("detail")[0].GetProperty("msg").GetString());
    }

    [Theory]
    [InlineData(" garbage")]
    [InlineData("{}")]
    [InlineData("\n{\"code\": \"X\"}")]
    public async Task Trailing_data_after_a_valid_body_is_a_422_and_nothing_is_created(string trailing)
    {
        var code = Codes.Unique();
        var problem = await SendBytes(HttpMethod.Post, "/api/v1/assets", Encoding.UTF8.GetBytes(Asset(code) + trailing)).ExpectAsync(422);
        Assert.Equal(["json_invalid"], problem.Types());
        var list = await api.Client.GetAsync("/api/v1/assets?limit=1000").ExpectAsync(200);
        Assert.DoesNotContain(list.GetProperty("assets").EnumerateArray(), a => a.Text("code") == code);
    }

    [Fact]
    public async Task Unpaired_surrogate_escapes_in_field_names_and_values_are_a_422()
    {
        var broken = await api.Client.PostJsonAsync("/api/v1/assets", Asset(Codes.Unique()).Replace("\"name\"", "\"na\\uD800me\": 1, \"name\"")).ExpectAsync(422);
        Assert.Equal(["json_invalid"], broken.Types());
        var value = await api.Client.PostJsonAsync("/api/v1/assets", Asset(Codes.Unique()).Replace("Edge", "Ed\\uD800ge")).ExpectAsync(422);
        Assert.Equal(["json_invalid"], value.Types());
    }

    [Fact]
    public async Task A_code_with_a_trailing_newline_is_a_422_not_a_database_error()
    {
        var problem = await api.Client.PostJsonAsync("/api/v1/assets", Asset("FUZZ\\n")).ExpectAsync(422);
        Assert.Equal(["body.code"], problem.Locs());
    }

    [Fact]
    public async Task Whitespace_after_the_body_is_fine() =>
        await SendBytes(HttpMethod.Post, "/api/v1/assets", Encoding.UTF8.GetBytes(Asset(Codes.Unique()) + " \r\n\t")).ExpectAsync(201);

    [Theory]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:15:00Z")]
    [InlineData("9999-12-31T23:45:00Z", "9999-12-31T23:59:59Z")]
    [InlineData("1999-12-31T23:45:00Z", "2000-01-01T00:00:00Z")]
    [InlineData("2100-01-01T00:00:00Z", "2100-01-01T00:15:00Z")]
    public async Task Instants_outside_the_range_are_a_422_naming_it(string start, string end)
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var problem = await api.Client.PutJsonAsync("/api/v1/forecasts", $$"""
            {"forecasts": [{"asset_id": "{{asset}}", "start_time": "{{start}}", "end_time": "{{end}}", "generation": 1, "consumption": 0}]}
            """).ExpectAsync(422);
        var messages = problem.GetProperty("detail").EnumerateArray().Select(d => d.Text("msg")).ToArray();
        Assert.Contains(messages, m => m.Contains(SupportedRange.Instants));
        Assert.DoesNotContain(messages, m => m.Contains("valid RFC 3339"));
    }

    [Theory]
    [InlineData("9999-12-30", "9999-12-31", "valid_from")]
    [InlineData("2099-12-31", "2100-01-01", "valid_until")]
    [InlineData("1999-12-31", "2000-01-01", "valid_from")]
    public async Task Limit_days_whose_slots_leave_the_range_are_a_422(string from, string until, string field)
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var problem = await api.Client.PatchLimitsAsync(
            PeriodDataApi.LimitEntry(asset, "CUSTOMER", from, "\"power_discharge\": 1", validUntil: until)).ExpectAsync(422);
        Assert.Contains($"body.limits.0.{field}", problem.Locs());
    }

    [Fact]
    public async Task The_first_and_last_slots_of_the_range_are_stored_and_read_back_on_every_period_route()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var window = $"asset_ids={asset}&from={FirstSlot}&to={End}&limit=1000";
        string Slot(string start) => start == FirstSlot ? "2000-01-01T00:15:00Z" : End;

        await api.Client.PutJsonAsync("/api/v1/forecasts", PeriodDataApi.Batch("forecasts", new[] { FirstSlot, LastSlot }.Select(s =>
            $$"""{"asset_id": "{{asset}}", "start_time": "{{s}}", "end_time": "{{Slot(s)}}", "generation": 1000000, "consumption": 1000000}"""))).ExpectAsync(200);
        await api.Client.PutJsonAsync("/api/v1/reservations", PeriodDataApi.Batch("reservations", new[] { FirstSlot, LastSlot }.Select(s =>
            $$"""{"asset_id": "{{asset}}", "start_time": "{{s}}", "end_time": "{{Slot(s)}}", "market": "FCR", "source": "EXTERNAL", "power": -1000000, "energy_change": 1000000, "energy_buffer_low": 0, "energy_buffer_high": 1000000}"""))).ExpectAsync(200);
        await api.Client.PatchLimitsAsync(
            PeriodDataApi.LimitEntry(asset, "CUSTOMER", "2000-01-01", "\"power_charge\": -1000000, \"energy_high\": 1000000", "00:00", "00:15"),
            PeriodDataApi.LimitEntry(asset, "CUSTOMER", "2099-12-31", "\"power_charge\": -1000000, \"energy_high\": 1000000", "23:45", "24:00")).ExpectAsync(200);
        await api.Client.PostJsonAsync("/api/v1/state-snapshots", PeriodDataApi.Batch("state_snapshots", new[] { FirstSlot, End }.Select(s =>
            $$"""{"asset_id": "{{asset}}", "effective_at": "{{s}}", "stored_energy": 1000000, "charged_energy": 1000000, "discharged_energy": 0.0000000000000000000000000001}"""))).ExpectAsync(200);

        foreach (var route in new[] { "forecasts", "reservations", "limits" })
        {
            var rows = (await api.Client.GetAsync($"/api/v1/{route}?{window}").ExpectAsync(200)).GetProperty(route).EnumerateArray().ToArray();
            Assert.Equal([FirstSlot, LastSlot], rows.Select(r => r.Text("start_time")));
            Assert.Equal(["2000-01-01", "2100-01-01"], rows.Select(r => r.Text("delivery_day")));
        }
        var snapshots = await api.Client.GetAsync($"/api/v1/state-snapshots?asset_ids={asset}&from={FirstSlot}&to=2100-01-01T00:00:00.000001Z").ExpectAsync(422);
        Assert.Equal(["query.to"], snapshots.Locs());
        var totals = await api.Client.GetAsync($"/api/v1/state-snapshots?asset_ids={asset}&from={FirstSlot}&to={End}").ExpectAsync(200);
        Assert.Equal(1000000m, totals.GetProperty("total_charged_energy").GetProperty(asset).GetDecimal());
        Assert.Equal(0.0000000000000000000000000001m, totals.GetProperty("total_discharged_energy").GetProperty(asset).GetDecimal());
    }

    [Fact]
    public async Task Sums_of_the_largest_snapshots_with_the_finest_fractions_are_read_back()
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        await api.Client.PostJsonAsync("/api/v1/state-snapshots", PeriodDataApi.Batch("state_snapshots", new[] { "1000000", "0.0000000000000000000000000001" }.Select((v, i) =>
            $$"""{"asset_id": "{{asset}}", "effective_at": "2026-01-01T00:0{{i}}:00Z", "stored_energy": 1, "charged_energy": {{v}}}"""))).ExpectAsync(200);
        var page = await api.Client.GetAsync($"/api/v1/state-snapshots?asset_ids={asset}&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z").ExpectAsync(200);
        Assert.Equal(1000000m, page.GetProperty("total_charged_energy").GetProperty(asset).GetDecimal());
    }

    [Theory]
    [InlineData("\"charged_energy\": 79228162514264337593543950335")]
    [InlineData("\"stored_energy\": 1000000.000001")]
    public async Task Magnitudes_beyond_the_physical_bound_are_a_422_before_anything_is_written(string field)
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var entry = $$"""{"asset_id": "{{asset}}", "effective_at": "2026-01-01T00:00:00Z", "stored_energy": 1, {{field}}}""".Replace("\"stored_energy\": 1, \"stored_energy\"", "\"stored_energy\"");
        var problem = await api.Client.PostJsonAsync("/api/v1/state-snapshots", PeriodDataApi.Batch("state_snapshots", [entry])).ExpectAsync(422);
        Assert.Contains("1000000 MWh", problem.GetProperty("detail")[0].Text("msg"));
        var page = await api.Client.GetAsync($"/api/v1/state-snapshots?asset_ids={asset}&from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z").ExpectAsync(200);
        Assert.Empty(page.GetProperty("state_snapshots").EnumerateArray());
    }

    [Theory]
    [InlineData("/api/v1/specs", "rated_power", "{\"value\": \"1000.000001\", \"unit\": \"GW\"}", "MW")]
    [InlineData("/api/v1/specs", "max_capacity", "{\"value\": 2000000, \"unit\": \"MWh\"}", "MWh")]
    [InlineData("/api/v1/specs", "ramp_rate", "\"1000001\"", "MW/min")]
    public async Task Quantities_are_bounded_after_conversion(string url, string field, string value, string unit)
    {
        var asset = await AssetApi.CreateAsync(api.Client);
        var problem = await api.Client.PutJsonAsync(url, $$"""{"asset_id": "{{asset}}", "valid_from": "2026-01-01T00:00:00Z", "{{field}}": {{value}}}""").ExpectAsync(422);
        Assert.Contains($"1000000 {unit}", problem.GetProperty("detail")[0].Text("msg"));
    }
}
