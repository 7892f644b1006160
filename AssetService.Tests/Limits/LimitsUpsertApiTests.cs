using System.Globalization;
using AssetService.Tests.Support;
using Dapper;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Limits;

public sealed class LimitsUpsertApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    [Fact]
    public async Task A_full_utc_day_from_00_00_to_24_00_expands_to_96_rows()
    {
        var id = await AssetApi.CreateAsync(client);
        var result = await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-06-01", "\"power_discharge\": 5")).ExpectAsync(200);
        Assert.Equal(96, result.GetProperty("upserted").GetInt32());

        var groups = await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z");
        Assert.Equal(96, groups.Length);
        Assert.Equal("2026-06-01T00:00:00Z", groups[0].Text("start_time"));
        Assert.Equal("2026-06-01T00:15:00Z", groups[0].Text("end_time"));
        Assert.Equal("2026-06-01T23:45:00Z", groups[^1].Text("start_time"));
        // 22:00Z is already the next day in Berlin in summer.
        Assert.Equal("2026-06-02", groups.Single(g => g.Text("start_time") == "2026-06-01T22:00:00Z").Text("delivery_day"));
    }

    [Theory]
    [InlineData("DE", "50HZ", "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 92)]
    [InlineData("DE", "TNBW", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 100)]
    [InlineData("PL", "PSE", "2026-03-29", "2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z", 92)]
    [InlineData("PL", "PSE", "2026-10-25", "2026-10-24T22:00:00Z", "2026-10-25T23:00:00Z", 100)]
    public async Task Dst_sundays_hold_92_or_100_slots_of_their_delivery_day(
        string region, string area, string day, string dayStartUtc, string dayEndUtc, int slots)
    {
        var id = await AssetApi.CreateAsync(client, region, area);
        var date = DateOnly.Parse(day);
        var result = await client.PatchLimitsAsync(LimitEntry(id, "REPORTED", $"{date.AddDays(-1):yyyy-MM-dd}", "\"energy_high\": 10",
            validUntil: $"{date.AddDays(1):yyyy-MM-dd}")).ExpectAsync(200);
        Assert.Equal(3 * 96, result.GetProperty("upserted").GetInt32());

        // Every UTC day holds 96 rows; the market day is 23 or 25 hours of them.
        var all = await client.GetLimitGroupsAsync($"asset_ids={id}&from={date.AddDays(-1):yyyy-MM-dd}T00:00:00Z&to={date.AddDays(2):yyyy-MM-dd}T00:00:00Z");
        Assert.Equal(3 * 96, all.Length);
        Assert.Equal(slots, all.Count(g => g.Text("delivery_day") == day));

        var market = await client.GetLimitGroupsAsync($"asset_ids={id}&from={dayStartUtc}&to={dayEndUtc}");
        Assert.Equal(slots, market.Length);
        Assert.All(market, g => Assert.Equal(day, g.Text("delivery_day")));
        Assert.Equal(dayStartUtc, market[0].Text("start_time"));
        var before = all.Single(g => g.Text("start_time") == DateTime.Parse(dayStartUtc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal).AddMinutes(-15).Iso());
        Assert.Equal($"{date.AddDays(-1):yyyy-MM-dd}", before.Text("delivery_day"));
    }

    [Fact]
    public async Task Partial_upsert_null_keeps_a_value_replaces_and_false_clears_a_lock()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "CUSTOMER", "2026-05-04",
            "\"power_charge\": -5, \"power_discharge\": 5, \"energy_low\": 1, \"energy_high\": 9, \"trading_locked\": true",
            "08:00", "08:30")).ExpectAsync(200);
        var createdBefore = await CreatedAtAsync(id);

        // explicit null keeps, absent keeps, a value replaces, false clears the lock
        var result = await client.PatchLimitsAsync(LimitEntry(id, "CUSTOMER", "2026-05-04",
            "\"power_charge\": null, \"power_discharge\": 7.5, \"energy_high\": null, \"trading_locked\": false",
            "08:00", "08:30")).ExpectAsync(200);
        Assert.Equal(2, result.GetProperty("upserted").GetInt32());

        var groups = await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T08:00:00Z&to=2026-05-04T09:00:00Z");
        Assert.Equal(2, groups.Length);
        foreach (var group in groups)
        {
            var row = group.Source("CUSTOMER");
            Assert.Equal(-5m, row.Number("power_charge"));
            Assert.Equal(7.5m, row.Number("power_discharge"));
            Assert.Equal(1m, row.Number("energy_low"));
            Assert.Equal(9m, row.Number("energy_high"));
            Assert.False(row.Flag("trading_locked"));
            Assert.False(group.GetProperty("computed").Flag("trading_locked"));
        }
        Assert.Equal(createdBefore, await CreatedAtAsync(id));
        Assert.True(await UpdatedAfterCreatedAsync(id));
    }

    [Fact]
    public async Task A_new_source_row_in_an_existing_slot_leaves_the_other_sources_alone()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-05-04", "\"power_charge\": -4", "10:00", "10:15")).ExpectAsync(200);
        await client.PatchLimitsAsync(LimitEntry(id, "PV", "2026-05-04", "\"power_charge\": -1", "10:00", "10:15")).ExpectAsync(200);
        var group = Assert.Single(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-04T10:00:00Z&to=2026-05-04T10:15:00Z"));
        Assert.Equal(-4m, group.Source("OPERATIONS").Number("power_charge"));
        Assert.Equal(-1m, group.Source("PV").Number("power_charge"));
        Assert.Null(group.Source("PV").Flag("trading_locked"));
    }

    [Fact]
    public async Task Concurrent_overlapping_patches_all_succeed_without_deadlock()
    {
        var a = await AssetApi.CreateAsync(client);
        var b = await AssetApi.CreateAsync(client);
        string[] Entries(int value) => new[] { (a, "PV"), (b, "CUSTOMER"), (a, "CUSTOMER"), (b, "PV") }
            .Select(k => LimitEntry(k.Item1, k.Item2, "2026-05-11", $"\"power_discharge\": {value}", validUntil: "2026-05-17")).ToArray();
        var calls = Enumerable.Range(1, 6).Select(v => client.PatchLimitsAsync(v % 2 == 0 ? Entries(v) : Entries(v).Reverse().ToArray()));
        var responses = await Task.WhenAll(calls);
        Assert.All(responses, r => Assert.Equal(200, (int)r.StatusCode));
        var groups = await client.GetLimitGroupsAsync($"asset_ids={a},{b}&from=2026-05-11T00:00:00Z&to=2026-05-11T06:00:00Z");
        // Each batch is atomic: every row of a slot group holds the value of the same (last) batch.
        Assert.Single(groups.SelectMany(g => g.GetProperty("sources").EnumerateArray().Select(s => s.Number("power_discharge"))).Distinct());
    }

    [Fact]
    public async Task A_batch_with_one_bad_entry_writes_nothing()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await client.PatchLimitsAsync(
            LimitEntry(id, "OPERATIONS", "2026-05-05", "\"power_charge\": -3"),
            LimitEntry(id, "CUSTOMER", "2026-05-05", "\"power_charge\": 3")).ExpectAsync(422);
        Assert.Equal(["body.limits.1.power_charge"], problem.Locs());
        Assert.Empty(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-05T00:00:00Z&to=2026-05-06T00:00:00Z"));
    }

    [Fact]
    public async Task The_same_slot_twice_in_one_batch_is_a_422_naming_both_entries()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await client.PatchLimitsAsync(
            LimitEntry(id, "CUSTOMER", "2026-05-06", "\"power_charge\": -3", "08:00", "10:00"),
            LimitEntry(id, "OPERATIONS", "2026-05-06", "\"power_charge\": -3", "08:00", "10:00"),
            LimitEntry(id, "CUSTOMER", "2026-05-01", "\"trading_locked\": true", "09:45", "11:00", validUntil: "2026-05-31")).ExpectAsync(422);
        var detail = Assert.Single(problem.GetProperty("detail").EnumerateArray());
        Assert.Equal("body.limits.2", string.Join('.', detail.GetProperty("loc").EnumerateArray().Select(p => p.ToString())));
        Assert.Contains("2026-05-06T09:45:00Z", detail.Text("msg"));
        Assert.Contains("position 0", detail.Text("msg"));
        Assert.Empty(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-01T00:00:00Z&to=2026-06-01T00:00:00Z"));
    }

    [Fact]
    public async Task Unknown_assets_are_a_404_naming_every_one_and_nothing_is_written()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await client.PatchLimitsAsync(
            LimitEntry(id, "CUSTOMER", "2026-05-07", "\"power_charge\": -3"),
            LimitEntry("DE_50HZ_NOPE_1", "CUSTOMER", "2026-05-07", "\"power_charge\": -3"),
            LimitEntry("DE_50HZ_NOPE_2", "CUSTOMER", "2026-05-07", "\"power_charge\": -3")).ExpectAsync(404);
        Assert.Contains("DE_50HZ_NOPE_1", problem.Text("detail"));
        Assert.Contains("DE_50HZ_NOPE_2", problem.Text("detail"));
        Assert.Empty(await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-05-07T00:00:00Z&to=2026-05-08T00:00:00Z"));
    }

    [Theory]
    [InlineData("\"start_time\": \"22:00\", \"end_time\": \"02:00\"", "body.limits.0.end_time")]
    [InlineData("\"start_time\": \"10:00\", \"end_time\": \"10:00\"", "body.limits.0.end_time")]
    [InlineData("\"start_time\": \"24:00\", \"end_time\": \"24:00\"", "body.limits.0.start_time")]
    [InlineData("\"start_time\": \"08:10\", \"end_time\": \"09:00\"", "body.limits.0.start_time")]
    [InlineData("\"start_time\": \"8:00\", \"end_time\": \"09:00\"", "body.limits.0.start_time")]
    [InlineData("\"start_time\": \"08:00\", \"end_time\": \"09:00\", \"valid_until\": \"2026-05-03\"", "body.limits.0.valid_until")]
    [InlineData("\"start_time\": \"08:00\", \"end_time\": \"09:00\", \"valid_until\": \"2027-05-06\"", "body.limits.0.valid_until")]
    [InlineData("\"start_time\": \"08:00\", \"end_time\": \"09:00\", \"delivery_day\": \"2026-05-04\"", "body.limits.0.delivery_day")]
    [InlineData("\"start_time\": \"08:00\", \"end_time\": \"09:00\", \"energy_low\": 5, \"energy_high\": 4", "body.limits.0.energy_low")]
    [InlineData("\"start_time\": \"08:00\", \"end_time\": \"09:00\", \"power_discharge\": -1", "body.limits.0.power_discharge")]
    [InlineData("\"start_time\": \"08:00\", \"end_time\": \"09:00\", \"power_charge\": \"-1\"", "body.limits.0.power_charge")]
    [InlineData("\"start_time\": \"08:00\", \"end_time\": \"09:00\", \"power_limit\": 1", "body.limits.0.power_limit")]
    public async Task Invalid_entries_are_422_at_the_field(string fields, string loc)
    {
        var id = await AssetApi.CreateAsync(client);
        var entry = $$"""{"asset_id": "{{id}}", "source": "PV", "valid_from": "2026-05-04", "trading_locked": true, {{fields}}}""";
        if (!fields.Contains("valid_until")) entry = entry.Replace("\"valid_from\"", "\"valid_until\": \"2026-05-04\", \"valid_from\"");
        var problem = await client.PatchLimitsAsync(entry).ExpectAsync(422);
        Assert.Contains(loc, problem.Locs());
    }

    [Fact]
    public async Task End_00_00_means_midnight_and_a_year_plus_a_day_is_allowed()
    {
        var id = await AssetApi.CreateAsync(client);
        var result = await client.PatchLimitsAsync(
            LimitEntry(id, "AVAILABILITY", "2026-01-01", "\"trading_locked\": true", "23:00", "00:00", validUntil: "2027-01-02")).ExpectAsync(200);
        Assert.Equal(367 * 4, result.GetProperty("upserted").GetInt32());
    }

    [Fact]
    public async Task An_entry_with_all_five_values_null_is_a_422()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await client.PatchLimitsAsync(
            LimitEntry(id, "PV", "2026-05-04", "\"power_charge\": null, \"trading_locked\": null")).ExpectAsync(422);
        Assert.Equal(["body.limits.0"], problem.Locs());
    }

    [Fact]
    public async Task More_than_100000_expanded_rows_is_a_422()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await client.PatchLimitsAsync(
            LimitEntry(id, "PV", "2026-01-01", "\"power_charge\": -1", validUntil: "2026-12-31"),
            LimitEntry(id, "CUSTOMER", "2026-01-01", "\"power_charge\": -1", validUntil: "2026-12-31"),
            LimitEntry(id, "REPORTED", "2026-01-01", "\"power_charge\": -1", validUntil: "2026-12-31")).ExpectAsync(422);
        Assert.Equal(["body.limits"], problem.Locs());
        Assert.Contains("100000", problem.GetProperty("detail")[0].Text("msg"));
    }

    private async Task<DateTime> CreatedAtAsync(string id)
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        return await connection.QuerySingleAsync<DateTime>("SELECT max(created_at) FROM asset_limits WHERE asset_id = @id", new { id });
    }

    private async Task<bool> UpdatedAfterCreatedAsync(string id)
    {
        await using var connection = await api.Db.OpenConnectionAsync();
        return await connection.QuerySingleAsync<bool>("SELECT bool_and(updated_at > created_at) FROM asset_limits WHERE asset_id = @id", new { id });
    }
}
