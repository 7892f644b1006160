using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Csv;

/// <summary><c>Content-Type: text/csv</c> batches: the JSON entry's rules, line-numbered problems, all or nothing.</summary>
public sealed class CsvWriteApiTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = api.Client;

    [Fact]
    public async Task Limits_csv_patch_expands_like_json_and_an_empty_field_keeps_the_stored_value()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-06-01", "\"energy_high\": 8", "10:00", "11:00")).ExpectAsync(200);

        var result = await client.SendCsvAsync(HttpMethod.Patch, "/api/v1/limits", $"""
            asset_id,source,start_time,end_time,valid_from,valid_until,power_charge,power_discharge,energy_low,energy_high,trading_locked
            {id},OPERATIONS,10:00,11:00,2026-06-01,2026-06-02,-5,"5.5",,,FALSE
            """.ReplaceLineEndings("\r\n")).ExpectAsync(200);

        Assert.Equal(8, result.GetProperty("upserted").GetInt32());
        var row = (await client.GetLimitGroupsAsync($"asset_ids={id}&from=2026-06-01T10:00:00Z&to=2026-06-01T10:15:00Z"))[0].Source("OPERATIONS");
        Assert.Equal((-5m, 5.5m, 8m, false), (row.Number("power_charge"), row.Number("power_discharge"), row.Number("energy_high"), row.Flag("trading_locked")));
    }

    [Fact]
    public async Task Forecasts_and_reservations_csv_put_write_every_line()
    {
        var id = await AssetApi.CreateAsync(client);
        await client.SendCsvAsync(HttpMethod.Put, "/api/v1/forecasts", $"""
            asset_id,start_time,end_time,generation,consumption
            {id},2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,3.25,0
            {id},2026-06-01T12:15:00+02:00,2026-06-01T12:30:00+02:00,1,0.5

            """.ReplaceLineEndings("\r\n")).ExpectAsync(200);
        await client.SendCsvAsync(HttpMethod.Put, "/api/v1/reservations", $"""
            asset_id,start_time,end_time,market,source,power,energy_change,energy_buffer_low,energy_buffer_high
            {id},2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,FCR,EXTERNAL,-2,1e-1,0,9
            """).ExpectAsync(200);

        var forecasts = await client.GetCsvAsync($"/api/v1/forecasts?asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z");
        Assert.Equal([["2026-06-01T10:00:00Z", "3.25", "0"], ["2026-06-01T10:15:00Z", "1", "0.5"]],
            forecasts.Rows.Select(r => new[] { r[1], r[4], r[5] }));
        var reservation = Assert.Single((await client.GetCsvAsync($"/api/v1/reservations?asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z")).Rows);
        Assert.Equal(["FCR", "EXTERNAL", "-2", "0.1"], reservation[4..8]);
    }

    [Fact]
    public async Task Problems_are_located_by_data_line_and_column_and_nothing_is_written()
    {
        var id = await AssetApi.CreateAsync(client);
        var problem = await client.SendCsvAsync(HttpMethod.Put, "/api/v1/forecasts", $"""
            asset_id,start_time,end_time,generation,consumption
            {id},2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1,1
            {id},2026-06-01T10:15:00Z,2026-06-01T10:30:00Z,lots,-1
            {id},2026-06-01T10:30:00Z,2026-06-01T10:45:00Z,1,
            """).ExpectAsync(422);

        Assert.Equal(["body.1.generation", "body.1.consumption", "body.2.consumption"], problem.Locs());
        Assert.Equal(["decimal_type", "greater_than_equal", "decimal_type"], problem.Types().Take(2).Append(problem.Types()[2]));
        var stored = await client.GetCsvAsync($"/api/v1/forecasts?asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z");
        Assert.Empty(stored.Rows);
    }

    [Fact]
    public async Task Unknown_columns_duplicates_and_ragged_lines_are_422s_in_csv_terms()
    {
        var id = await AssetApi.CreateAsync(client);
        var unknown = await client.SendCsvAsync(HttpMethod.Patch, "/api/v1/limits", $"""
            asset_id,source,start_time,end_time,valid_from,valid_until,power_discharge,delivery_day
            {id},OPERATIONS,10:00,11:00,2026-06-01,2026-06-01,5,2026-06-01
            """).ExpectAsync(422);
        Assert.Equal(["body.0.delivery_day"], unknown.Locs());

        var duplicate = await client.SendCsvAsync(HttpMethod.Put, "/api/v1/reservations", $"""
            asset_id,start_time,end_time,market,source,power,energy_change,energy_buffer_low,energy_buffer_high
            {id},2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,FCR,EXTERNAL,1,0,0,1
            {id},2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,FCR,EXTERNAL,2,0,0,1
            """).ExpectAsync(422);
        Assert.Equal(["body.1"], duplicate.Locs());

        var ragged = await client.SendCsvAsync(HttpMethod.Put, "/api/v1/forecasts", $"""
            asset_id,start_time,end_time,generation,consumption
            {id},2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1
            """).ExpectAsync(422);
        Assert.Equal(["body.0"], ragged.Locs());

        var twice = await client.SendCsvAsync(HttpMethod.Put, "/api/v1/forecasts", $"""
            asset_id,start_time,end_time,generation,generation
            {id},2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1,2
            """).ExpectAsync(422);
        Assert.Equal(["body"], twice.Locs());

        var headerOnly = await client.SendCsvAsync(HttpMethod.Put, "/api/v1/forecasts", "asset_id,start_time,end_time,generation,consumption\r\n").ExpectAsync(422);
        Assert.Equal(["body"], headerOnly.Locs());
    }

    [Theory]
    [InlineData("asset_id,start_time,end_time,generation,consumption\r\n\"X,2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1,1\r\n")]
    [InlineData("asset_id,start_time,end_time,generation,consumption\r\nX,2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1e400,1\r\n")]
    [InlineData("asset_id,start_time,end_time,generation,consumption\r\nX\u0000,2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1,1\r\n")]
    [InlineData("asset_id,,end_time,generation,consumption\r\nX,2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1,1\r\n")]
    [InlineData("\uFEFF")]
    [InlineData("\r\r\r")]
    [InlineData("asset_id;start_time;end_time;generation;consumption\rX;2026-06-01T10:00:00Z;2026-06-01T10:15:00Z;1;1")]
    public async Task Malformed_csv_bodies_are_422s(string body)
    {
        var problem = await client.SendCsvAsync(HttpMethod.Put, "/api/v1/forecasts", body).ExpectAsync(422);
        Assert.NotEmpty(problem.Locs());
        Assert.All(problem.Locs(), loc => Assert.StartsWith("body", loc));
    }

    [Fact]
    public async Task Unknown_assets_in_a_csv_body_are_a_404_like_json()
    {
        await client.SendCsvAsync(HttpMethod.Put, "/api/v1/forecasts", """
            asset_id,start_time,end_time,generation,consumption
            DE_50HZ_NOPE_1,2026-06-01T10:00:00Z,2026-06-01T10:15:00Z,1,1
            """).ExpectAsync(404);
    }
}
