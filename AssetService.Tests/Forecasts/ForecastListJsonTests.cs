using System.Text;
using System.Text.Json;
using AssetService.Core.Common;
using AssetService.Core.Forecasts;
using AssetService.Tests.Support;
using Npgsql;

namespace AssetService.Tests.Forecasts;

/// <summary>The hand-written page writer against its declaration: it writes exactly what the serializer writes for the same <see cref="ForecastList"/>.</summary>
public sealed class ForecastListJsonTests
{
    [Fact]
    public async Task A_page_is_what_the_serializer_writes_for_the_same_records()
    {
        var random = new Random(20261202);
        var start = new DateTime(2026, 3, 28, 23, 0, 0, DateTimeKind.Utc);
        var forecasts = Enumerable.Range(0, 40).Select(k => new Forecast(
            k < 20 ? "DE_50HZ_WU_1" : "PL_PSE_KOZ_1", start.AddMinutes(15 * (k % 20)), start.AddMinutes(15 * (k % 20 + 1)),
            new DateOnly(2026, 3, 29), Math.Round((decimal)random.NextDouble() * 80m, random.Next(0, 5)),
            Math.Round((decimal)random.NextDouble() * 3m, random.Next(0, 5)),
            start.AddDays(-2).AddTicks(random.Next(0, 10_000_000) * 10L), start.AddDays(-1).AddTicks(random.Next(0, 10_000_000) * 10L))).ToArray();

        await using var connection = new NpgsqlConnection(TestDatabase.ServerConnectionString);
        await connection.OpenAsync();
        // The columns in another order than the fields: the writer finds each by its name.
        await using var command = new NpgsqlCommand("""
            SELECT updated_at, consumption, generation, delivery_day, end_time, start_time, asset_id, created_at
            FROM unnest($1::timestamptz[], $2::numeric[], $3::numeric[], $4::date[], $5::timestamptz[], $6::timestamptz[], $7::text[], $8::timestamptz[])
                AS t(updated_at, consumption, generation, delivery_day, end_time, start_time, asset_id, created_at)
            ORDER BY asset_id, start_time
            """, connection)
        {
            Parameters =
            {
                new() { Value = forecasts.Select(f => f.UpdatedAt).ToArray() },
                new() { Value = forecasts.Select(f => f.Consumption).ToArray() },
                new() { Value = forecasts.Select(f => f.Generation).ToArray() },
                new() { Value = forecasts.Select(f => f.DeliveryDay).ToArray() },
                new() { Value = forecasts.Select(f => f.EndTime).ToArray() },
                new() { Value = forecasts.Select(f => f.StartTime).ToArray() },
                new() { Value = forecasts.Select(f => f.AssetId).ToArray() },
                new() { Value = forecasts.Select(f => f.CreatedAt).ToArray() },
            },
        };
        await using var reader = await command.ExecuteReaderAsync();
        using var output = await ForecastListJson.WriteAsync(reader, 40, 0, CancellationToken.None);

        var expected = JsonSerializer.Serialize(new ForecastList(40, 0, forecasts), Json.Options);
        Assert.Equal(expected, Encoding.UTF8.GetString(output.Written.Span));
    }
}
