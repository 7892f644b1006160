using System.Net.Http.Headers;
using System.Text.Json;
using AssetService.Core.Dispatches;
using AssetService.Core.Ingestion;
using AssetService.Tests.Support;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Csv;

/// <summary><c>Accept: text/csv</c> on the period-data reads: the JSON rows as CSV lines, the whole window at once.</summary>
public sealed class CsvReadApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    /// <summary>The CSV answer holds the same rows as the JSON one, under the JSON field names, in the same order.</summary>
    private static void AssertSameRows(JsonElement[] json, (string[] Header, string[][] Rows) csv)
    {
        Assert.Equal(json[0].EnumerateObject().Select(p => p.Name), csv.Header);
        Assert.Equal(json.Length, csv.Rows.Length);
        for (var i = 0; i < json.Length; i++)
            Assert.Equal(csv.Header.Select(name => CsvApi.Cell(json[i].GetProperty(name))), csv.Rows[i]);
    }

    [Fact]
    public async Task Limits_csv_has_one_line_per_slot_and_source_with_that_sources_fields_and_ignores_limit_and_offset()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(
            LimitEntry(id, "OPERATIONS", "2026-06-01", "\"power_charge\": -5, \"power_discharge\": 5.25", "10:00", "11:00"),
            LimitEntry(id, "CUSTOMER", "2026-06-01", "\"energy_high\": 9, \"trading_locked\": true", "10:30", "11:00")).ExpectAsync(200);
        var window = $"asset_ids={id}&from=2026-06-01T10:00:00Z&to=2026-06-01T11:00:00Z";

        var csv = await client.GetCsvAsync($"/api/v1/limits?{window}&limit=1&offset=1");

        var groups = await client.GetLimitGroupsAsync(window);
        var lines = groups.SelectMany(g => g.GetProperty("sources").EnumerateArray().Select(source => (g, source))).ToArray();
        string[] slotFields = ["asset_id", "start_time", "end_time", "delivery_day"];
        var sourceFields = lines[0].source.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal([.. slotFields, .. sourceFields], csv.Header);
        Assert.DoesNotContain("computed", csv.Header);
        Assert.Equal(6, csv.Rows.Length);
        for (var i = 0; i < lines.Length; i++)
            Assert.Equal(slotFields.Select(f => CsvApi.Cell(lines[i].g.GetProperty(f))).Concat(sourceFields.Select(f => CsvApi.Cell(lines[i].source.GetProperty(f)))), csv.Rows[i]);
        var customer = csv.Rows.First(r => r[4] == "CUSTOMER");
        Assert.Equal(new[] { "2026-06-01T10:30:00Z", "", "", "", "9", "true" }, customer[1..2].Concat(customer[5..10]));
    }

    [Fact]
    public async Task Forecasts_reservations_and_state_snapshots_csv_carry_the_json_rows()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PutJsonAsync("/api/v1/forecasts", Batch("forecasts", Enumerable.Range(0, 3).Select(i =>
            $$"""{"asset_id": "{{id}}", "start_time": "2026-06-01T1{{i}}:00:00Z", "end_time": "2026-06-01T1{{i}}:15:00Z", "generation": 1.5, "consumption": {{i}}}"""))).ExpectAsync(200);
        await client.PutJsonAsync("/api/v1/reservations", Batch("reservations", new[] { "FCR", "AFRR_UP" }.Select(market =>
            $$"""{"asset_id": "{{id}}", "start_time": "2026-06-01T10:00:00Z", "end_time": "2026-06-01T10:15:00Z", "market": "{{market}}", "source": "OPTIMISATION", "power": -2, "energy_change": 0.5, "energy_buffer_low": 1, "energy_buffer_high": 9}"""))).ExpectAsync(200);
        await client.PostJsonAsync("/api/v1/state-snapshots", Batch("state_snapshots", [
            $$"""{"asset_id": "{{id}}", "effective_at": "2026-06-01T10:00:00Z", "stored_energy": 4.5}""",
            $$"""{"asset_id": "{{id}}", "effective_at": "2026-06-01T10:15:00Z", "stored_energy": 5, "charged_energy": 0.5, "discharged_energy": 0}"""])).ExpectAsync(200);
        var window = $"asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z";

        foreach (var (path, list, count) in new[] { ("forecasts", "forecasts", 3), ("reservations", "reservations", 2), ("state-snapshots", "state_snapshots", 2) })
        {
            var json = (await client.GetAsync($"/api/v1/{path}?{window}&limit=1000").ExpectAsync(200)).GetProperty(list).EnumerateArray().ToArray();
            var csv = await client.GetCsvAsync($"/api/v1/{path}?{window}&limit=1");
            Assert.Equal(count, csv.Rows.Length);
            AssertSameRows(json, csv);
        }
        var latest = await client.GetCsvAsync($"/api/v1/state-snapshots?asset_ids={id}&latest=true");
        Assert.Equal("2026-06-01T10:15:00Z", Assert.Single(latest.Rows)[1]);
    }

    [Fact]
    public async Task Dispatches_csv_carries_the_json_rows_with_an_empty_field_for_a_null_market()
    {
        var id = await AssetApi.CreateAsync(client);
        var outcome = await api.App.Services.GetRequiredService<DispatchIngestion>().IngestAsync(Messages.Received(new
        {
            dispatches = new[] { Messages.Dispatch(id), Messages.Dispatch(id, start: "2026-06-01T10:15:00Z", end: "2026-06-01T10:30:00Z", market: null, power: -1.25m) },
        }), CancellationToken.None);
        Assert.IsType<CompletedOutcome>(outcome);
        var window = $"asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z";

        var json = (await client.GetAsync($"/api/v1/dispatches?{window}").ExpectAsync(200)).GetProperty("dispatches").EnumerateArray().ToArray();
        var csv = await client.GetCsvAsync($"/api/v1/dispatches?{window}");

        AssertSameRows(json, csv);
        Assert.Equal(["-1.25", ""], csv.Rows[1][5..7]);
    }

    [Fact]
    public async Task Json_stays_the_answer_unless_csv_is_asked_for_at_least_as_strongly()
    {
        var id = await AssetApi.CreateAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/forecasts?asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z");
        request.Headers.Accept.ParseAdd("application/json, text/csv;q=0.5");
        var response = await client.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);

        var empty = await client.GetCsvAsync($"/api/v1/forecasts?asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z");
        Assert.Equal(["asset_id", "start_time", "end_time", "delivery_day", "generation", "consumption", "created_at", "updated_at"], empty.Header);
        Assert.Empty(empty.Rows);
    }

    [Fact]
    public async Task A_window_over_a_million_lines_is_a_422_before_any_csv_is_sent_and_a_smaller_one_streams_whole()
    {
        var id = await AssetApi.CreateAsync(client);
        await using (var connection = await api.Db.OpenConnectionAsync())
            await connection.ExecuteAsync("""
                INSERT INTO state_snapshots (asset_id, effective_at, stored_energy, created_at, updated_at)
                SELECT @Id, timestamptz '2020-01-01Z' + n * interval '1 minute', 1, now(), now()
                FROM generate_series(0, 1000000) AS n
                """, new { Id = id }, commandTimeout: 300);

        // A window under the cap streams every line (many buffer flushes).
        var week = await client.GetCsvAsync($"/api/v1/state-snapshots?asset_ids={id}&from=2020-01-01T00:00:00Z&to=2020-01-08T00:00:00Z");
        Assert.Equal(7 * 24 * 60, week.Rows.Length);
        Assert.Equal("2020-01-07T23:59:00Z", week.Rows[^1][1]);

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/state-snapshots?asset_ids={id}&from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var problem = await client.SendAsync(request).ExpectAsync(422);
        Assert.Equal(["query.to"], problem.Locs());
        Assert.Contains("1000001 rows", problem.GetProperty("detail")[0].GetProperty("msg").GetString());
    }
}
