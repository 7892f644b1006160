using System.Net.Http.Headers;
using AssetService.Functions.Auth;
using AssetService.Tests.Sites;
using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Headroom;

/// <summary>Contract 7 over HTTP: the inputs as PostgreSQL holds them, paging, CSV, as_of, DST days and the window rules.</summary>
public sealed class HeadroomApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    private const string Window = "from=2026-06-10T10:00:00Z&to=2026-06-10T10:30:00Z";

    [Fact]
    public async Task Limits_specs_two_markets_and_the_snapshot_before_the_window_come_together()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.SpecAsync(id, ratedMw: 10, gridMw: 12, capacityMwh: 20, chargeEfficiency: 0.9m, dischargeEfficiency: 0.8m);
        await client.PatchLimitsAsync(
            LimitEntry(id, "OPERATIONS", "2026-06-10", "\"power_charge\": -8, \"power_discharge\": 6", "10:00", "10:30"),
            LimitEntry(id, "REPORTED", "2026-06-10", "\"power_discharge\": 7", "10:00", "10:30")).ExpectAsync(200);
        await client.SnapshotAsync(id, "2026-06-10T09:20:00Z", 10);
        await client.ReserveAsync(id, "2026-06-10T09:30:00Z", "INTRADAY", 4, energyChange: -1);
        await client.ReserveAsync(id, "2026-06-10T10:00:00Z", "DAY_AHEAD", 2, energyChange: -0.5m, bufferLow: 1);
        await client.ReserveAsync(id, "2026-06-10T10:00:00Z", "INTRADAY", 1.5m, energyChange: -0.375m, bufferLow: 0.5m, bufferHigh: 2);

        var items = await client.HeadroomAsync($"asset_ids={id}&{Window}");
        Assert.Equal(["2026-06-10T10:00:00Z", "2026-06-10T10:15:00Z"], items.Select(i => i.Text("start_time")));
        var first = items[0];
        // two markets: 2 + 1.5 = 3.5 MW sold; own capacity least(6 OPERATIONS, 7 REPORTED, 10 rated, 12 grid) = 6
        var discharge = first.GetProperty("discharge");
        Assert.Equal(3.5m, discharge.Number("position"));
        Assert.Equal(6m, discharge.Number("capacity"));
        Assert.Equal(2.5m, discharge.Number("headroom"));
        Assert.Equal(["limits:OPERATIONS"], discharge.Names());
        // charge: greatest(-8, -10, -12) - 3.5 = -11.5
        Assert.Equal(-11.5m, first.GetProperty("charge").Number("headroom"));
        // energy: 10 MWh at 09:20, -1 reserved at 09:30, -0.5 - 0.375 at 10:00 = 8.125; floor 1 + 0.5; ceiling 20 - 2
        var energy = first.GetProperty("energy");
        Assert.Equal(8.125m, energy.Number("expected"));
        Assert.Equal(1.5m, energy.Number("floor"));
        Assert.Equal(18m, energy.Number("ceiling"));
        Assert.Equal(6.625m, energy.Number("discharge_headroom"));
        Assert.Equal(9.875m, energy.Number("charge_headroom"));
        Assert.Equal("2026-06-10T09:20:00Z", energy.Text("since"));
        Assert.Equal("2026-06-10", first.Text("delivery_day"));
        Assert.Empty(first.GetProperty("missing").EnumerateArray());
        Assert.Equal(0m, items[1].GetProperty("discharge").Number("position"));
        Assert.Equal(20m, items[1].GetProperty("energy").Number("ceiling"));
    }

    [Fact]
    public async Task A_pv_asset_reads_its_forecast_and_lists_what_is_missing()
    {
        var pv = await AssetApi.CreateAsync(client, type: "PV");
        await client.SpecAsync(pv, ratedMw: 5);
        await client.ForecastAsync(pv, "2026-06-10T10:00:00Z", 3.25m);
        var items = await client.HeadroomAsync($"asset_ids={pv}&{Window}");
        Assert.Equal(3.25m, items[0].GetProperty("discharge").Number("headroom"));
        Assert.Equal(["forecast.generation"], items[0].GetProperty("discharge").Names());
        Assert.Equal(["asset_type"], items[0].GetProperty("charge").Names());
        Assert.Equal(["limits"], items[0].GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(["limits", "forecast"], items[1].GetProperty("missing").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, items[0].GetProperty("energy").ValueKind);
    }

    [Fact]
    public async Task Inverter_and_site_limits_bound_an_asset_and_the_site()
    {
        var (a, b) = (await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client));
        await client.SpecAsync(a, ratedMw: 10);
        var site = await SiteApi.CreateIdAsync(client);
        var inverter = await SiteApi.AddInverterIdAsync(client, site, a, b); // 2.5 MW
        await client.InverterLimitAsync(site, inverter, "2026-06-10T10:00:00Z", charge: -2, discharge: 2);
        await client.SiteLimitAsync(site, "2026-06-10T10:00:00Z", import: 3, export: 1.5m);
        await client.ReserveAsync(b, "2026-06-10T10:00:00Z", "DAY_AHEAD", 0.5m);

        var item = (await client.HeadroomAsync($"asset_ids={a}&{Window}"))[0];
        // A: least(10 own, 2.5 - 0.5 inverter, 2 - 0.5 inverter limits, 1.5 - 0.5 site) = 1
        Assert.Equal(1m, item.GetProperty("discharge").Number("headroom"));
        Assert.Equal(["site_limits"], item.GetProperty("discharge").Names());
        // charge: greatest(-10, -2.5 - 0.5, -2 - 0.5, -3 - 0.5) = -2.5
        Assert.Equal(-2.5m, item.GetProperty("charge").Number("headroom"));
        Assert.Equal(["inverter_limits"], item.GetProperty("charge").Names());

        var page = await client.GetAsync($"/api/v1/sites/{site}/headroom?{Window}").ExpectAsync(200);
        var slot = page.GetProperty("headroom")[0];
        // site: least(1.5 - 0.5 = 1, inverter least(2, 1.5, A 1 + B 1 = 2) = 1.5) = 1
        Assert.Equal(0.5m, slot.GetProperty("discharge").Number("position"));
        Assert.Equal(1m, slot.GetProperty("discharge").Number("headroom"));
        Assert.Equal(["site_limits"], slot.GetProperty("discharge").Names());
        // charge: greatest(-3 - 0.5, inverter greatest(-3, -2.5, A -2.5 + B -2.5)) = -2.5
        Assert.Equal(-2.5m, slot.GetProperty("charge").Number("headroom"));
        Assert.Equal(["inverter_limits"], slot.GetProperty("charge").Names());
        Assert.Equal(2, page.GetProperty("headroom").GetArrayLength());
        Assert.Equal(site, page.Text("site_id"));
    }

    [Fact]
    public async Task As_of_before_a_later_reservation_shows_the_position_of_then()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.SpecAsync(id, ratedMw: 10);
        await client.ReserveAsync(id, "2026-06-10T10:00:00Z", "DAY_AHEAD", 1);
        var then = await ChangesApi.InstantAsync();
        await client.ReserveAsync(id, "2026-06-10T10:00:00Z", "INTRADAY", 2);

        Assert.Equal(7m, (await client.HeadroomAsync($"asset_ids={id}&{Window}"))[0].GetProperty("discharge").Number("headroom"));
        var past = await client.HeadroomAsync($"asset_ids={id}&{Window}&as_of={then.Iso()}");
        Assert.Equal(1m, past[0].GetProperty("discharge").Number("position"));
        Assert.Equal(9m, past[0].GetProperty("discharge").Number("headroom"));
    }

    [Fact]
    public async Task Items_are_paged_by_asset_and_quarter_hour_and_the_energy_spans_the_whole_window()
    {
        var (a, b) = (await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client));
        foreach (var id in new[] { a, b }) await client.SpecAsync(id, ratedMw: 10);
        await client.SnapshotAsync(a, "2026-06-10T10:00:00Z", 1);
        await client.PatchLimitsAsync(LimitEntry(a, "OPERATIONS", "2026-06-10", "\"energy_low\": 0.75", "10:30", "10:45")).ExpectAsync(200);
        const string ThreeSlots = "from=2026-06-10T10:00:00Z&to=2026-06-10T10:45:00Z";
        var ids = string.CompareOrdinal(a, b) < 0 ? $"{a},{b}" : $"{b},{a}";

        var all = await client.HeadroomAsync($"asset_ids={ids},DE_50HZ_NOPE_1&{ThreeSlots}");
        Assert.Equal(6, all.Length);
        var page = await client.GetAsync($"/api/v1/headroom?asset_ids={ids}&{ThreeSlots}&limit=2&offset=2").ExpectAsync(200);
        Assert.Equal(all[2..4].Select(i => i.GetRawText()), page.GetProperty("headroom").EnumerateArray().Select(i => i.GetRawText()));
        Assert.Equal(2, page.GetProperty("limit").GetInt32());
        Assert.Equal(2, page.GetProperty("offset").GetInt32());

        // the first slot alone still sees the third slot's floor: (1 - 0.75) MWh / 0.25 h = 1 MW
        var firstOfA = (await client.GetAsync($"/api/v1/headroom?asset_ids={a}&{ThreeSlots}&limit=1").ExpectAsync(200)).GetProperty("headroom")[0];
        Assert.Equal(1m, firstOfA.GetProperty("discharge").Number("headroom"));
        Assert.Equal(["energy"], firstOfA.GetProperty("discharge").Names());
    }

    [Fact]
    public async Task Dst_delivery_days_have_92_and_100_quarter_hours()
    {
        var id = await AssetApi.CreateAsync(client);
        var spring = await client.HeadroomAsync($"asset_ids={id}&from=2026-03-28T23:00:00Z&to=2026-03-29T22:00:00Z");
        Assert.Equal(92, spring.Length);
        Assert.All(spring, i => Assert.Equal("2026-03-29", i.Text("delivery_day")));
        var autumn = await client.HeadroomAsync($"asset_ids={id}&from=2026-10-24T22:00:00Z&to=2026-10-25T23:00:00Z");
        Assert.Equal(100, autumn.Length);
        Assert.All(autumn, i => Assert.Equal("2026-10-25", i.Text("delivery_day")));
    }

    [Fact]
    public async Task A_local_week_across_dst_is_accepted_and_a_quarter_hour_more_is_a_422()
    {
        var id = await AssetApi.CreateAsync(client);
        // Monday 2026-03-23 00:00 CET to Monday 2026-03-30 00:00 CEST: 7 delivery days, 167 hours
        var week = await client.GetAsync($"/api/v1/headroom?asset_ids={id}&from=2026-03-22T23:00:00Z&to=2026-03-29T22:00:00Z").ExpectAsync(200);
        Assert.Equal(50, week.GetProperty("headroom").GetArrayLength());
        var longer = await client.GetAsync($"/api/v1/headroom?asset_ids={id}&from=2026-03-22T23:00:00Z&to=2026-03-29T22:15:00Z").ExpectAsync(422);
        Assert.Equal(["query.to"], longer.Locs());
        var offGrid = await client.GetAsync($"/api/v1/headroom?asset_ids={id}&from=2026-03-22T23:05:00Z&to=2026-03-23T00:00:00Z").ExpectAsync(422);
        Assert.Equal(["query.from"], offGrid.Locs());
        var missing = await client.GetAsync("/api/v1/headroom").ExpectAsync(422);
        Assert.Equal(["query.asset_ids", "query.from", "query.to"], missing.Locs());
        var site = await SiteApi.CreateIdAsync(client);
        var siteLonger = await client.GetAsync($"/api/v1/sites/{site}/headroom?from=2026-03-22T23:00:00Z&to=2026-03-29T22:15:00Z").ExpectAsync(422);
        Assert.Equal(["query.to"], siteLonger.Locs());
    }

    [Fact]
    public async Task Csv_has_one_line_per_item_with_nested_fields_flattened()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.SpecAsync(id, ratedMw: 10, gridMw: 10);
        await client.SnapshotAsync(id, "2026-06-10T09:00:00Z", 2);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/headroom?asset_ids={id}&{Window}&limit=1");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await client.SendAsync(request);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            "asset_id,start_time,end_time,delivery_day,trading_locked,discharge_capacity,discharge_position,discharge_headroom,discharge_limited_by," +
            "charge_capacity,charge_position,charge_headroom,charge_limited_by,energy_expected,energy_floor,energy_ceiling," +
            "energy_discharge_headroom,energy_charge_headroom,energy_since,missing", lines[0]);
        Assert.Equal(3, lines.Length); // both quarter hours: CSV ignores limit
        // 2 MWh / 0.25 h = 8 MW, below the 10 MW of the spec; charge has no ceiling
        Assert.Equal($"{id},2026-06-10T10:00:00Z,2026-06-10T10:15:00Z,2026-06-10,false,10,0,8,energy," +
                     "-10,0,-10,spec.rated_power spec.grid_connection_max_power,2,0,,2,,2026-06-10T09:00:00Z,limits", lines[1]);
    }

    [Fact]
    public async Task Every_csv_cell_is_the_json_items_value_as_json_writes_it()
    {
        var (bess, pv) = (await AssetApi.CreateAsync(client), await AssetApi.CreateAsync(client, type: "PV"));
        await client.SpecAsync(bess, ratedMw: 10, gridMw: 12, capacityMwh: 20, chargeEfficiency: 0.9m, dischargeEfficiency: 0.8m);
        await client.SpecAsync(pv, ratedMw: 5);
        await client.PatchLimitsAsync(
            LimitEntry(bess, "OPERATIONS", "2026-06-10", "\"power_charge\": -8.125, \"power_discharge\": 6, \"energy_low\": 1.5", "10:00", "10:30"),
            LimitEntry(bess, "REPORTED", "2026-06-10", "\"power_discharge\": 6, \"trading_locked\": true", "10:15", "10:30")).ExpectAsync(200);
        await client.SnapshotAsync(bess, "2026-06-10T09:20:00Z", 10.5m);
        await client.ReserveAsync(bess, "2026-06-10T10:00:00Z", "DAY_AHEAD", 2.25m, energyChange: -0.5625m, bufferLow: 1, bufferHigh: 0.5m);
        await client.ForecastAsync(pv, "2026-06-10T10:00:00Z", 3.333333m);
        var site = await SiteApi.CreateIdAsync(client);
        await SiteApi.AddInverterIdAsync(client, site, bess);
        await client.SiteLimitAsync(site, "2026-06-10T10:15:00Z", import: 3, export: 1.5m);
        var ids = string.CompareOrdinal(bess, pv) < 0 ? $"{bess},{pv}" : $"{pv},{bess}";

        var items = await client.HeadroomAsync($"asset_ids={ids}&{Window}");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/headroom?asset_ids={ids}&{Window}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await client.SendAsync(request);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(items.Length, lines.Length - 1);
        Assert.Contains(items, i => i.GetProperty("energy").ValueKind == System.Text.Json.JsonValueKind.Null);
        Assert.Contains(items, i => i.GetProperty("trading_locked").GetBoolean());
        for (var n = 0; n < items.Length; n++)
        {
            var cells = Flatten(items[n], "");
            Assert.Equal(header.Select(column => cells.GetValueOrDefault(column, "")), lines[n + 1].Split(','));
            Assert.All(cells.Keys, key => Assert.Contains(key, header));
        }
    }

    // The CSV form of a JSON item (6.4, 7.2): nested fields as <parent>_<field>, lists joined by single
    // spaces, numbers as their JSON text, null (and the fields of a null object) empty.
    private static Dictionary<string, string> Flatten(System.Text.Json.JsonElement item, string prefix)
    {
        var cells = new Dictionary<string, string>();
        foreach (var field in item.EnumerateObject())
        {
            var name = prefix + field.Name;
            switch (field.Value.ValueKind)
            {
                case System.Text.Json.JsonValueKind.Object:
                    foreach (var (key, value) in Flatten(field.Value, name + "_")) cells[key] = value;
                    break;
                case System.Text.Json.JsonValueKind.Array:
                    cells[name] = string.Join(' ', field.Value.EnumerateArray().Select(e => e.GetString()));
                    break;
                case System.Text.Json.JsonValueKind.String:
                    cells[name] = field.Value.GetString()!;
                    break;
                case System.Text.Json.JsonValueKind.Null:
                    break;
                default:
                    cells[name] = field.Value.GetRawText();
                    break;
            }
        }
        return cells;
    }

    [Fact]
    public async Task An_unknown_site_is_a_404_and_so_is_a_site_before_it_existed()
    {
        var before = await ChangesApi.InstantAsync();
        var site = await SiteApi.CreateIdAsync(client);
        var unknown = await client.GetAsync($"/api/v1/sites/DE_50HZ_NOPE_SITE_1/headroom?{Window}").ExpectAsync(404);
        Assert.Contains("DE_50HZ_NOPE_SITE_1", unknown.GetProperty("detail").GetString());
        await client.GetAsync($"/api/v1/sites/{site}/headroom?{Window}&as_of={before.Iso()}").ExpectAsync(404);
        var empty = await client.GetAsync($"/api/v1/sites/{site}/headroom?{Window}").ExpectAsync(200);
        // no inverter, no limit: nothing bounds the site
        Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.GetProperty("headroom")[0].GetProperty("discharge").GetProperty("headroom").ValueKind);
    }

    [Fact]
    public async Task Headroom_needs_the_read_role()
    {
        var id = await AssetApi.CreateAsync(client);
        foreach (var (roles, status) in new[] { (Array.Empty<string>(), 403), ([Role.Read.ClaimValue()], 200) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/headroom?asset_ids={id}&{Window}");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", ApiFixture.Tokens.Mint(DateTimeOffset.UtcNow, "reader", roles));
            using var response = await api.Anonymous.SendAsync(request);
            Assert.Equal(status, (int)response.StatusCode);
        }
    }
}
