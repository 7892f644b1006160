using Npgsql;
using NpgsqlTypes;

namespace AssetService.Bench;

/// <summary>Seeds the bench database at scale with binary COPY: assets, limits, forecasts, dispatches.</summary>
public sealed class Seeder(NpgsqlDataSource db)
{
    public static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly string[] Sources = ["REPORTED", "OPERATIONS", "CUSTOMER", "PV", "AVAILABILITY"];

    public static string AssetId(int n) => $"DE_50HZ_B{n}_1";

    public async Task AssetsAsync(int count)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY assets (id, code, name, type, region, delivery_area, lifecycle, provider, created_at, updated_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < count; n++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(AssetId(n));
                await writer.WriteAsync($"B{n}");
                await writer.WriteAsync($"Bench battery {n}");
                await writer.WriteAsync("BESS");
                await writer.WriteAsync("DE");
                await writer.WriteAsync("50HZ");
                await writer.WriteAsync("LIVE");
                await writer.WriteAsync("EBX");
                await writer.WriteAsync(Start, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Start, NpgsqlDbType.TimestampTz);
            }
            await writer.CompleteAsync();
        }
        await using var counters = new NpgsqlCommand("INSERT INTO id_counters SELECT 'DE_50HZ_B' || n, 1 FROM generate_series(0, @count - 1) n", connection);
        counters.Parameters.AddWithValue("count", count);
        await counters.ExecuteNonQueryAsync();
    }

    /// <summary>Limit rows for slots [firstSlot, firstSlot + slots) of every asset, from all five sources.</summary>
    public async Task LimitsAsync(int assets, int firstSlot, int slots)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY asset_limits (asset_id, start_time, source, end_time, delivery_day, power_charge, power_discharge, energy_low, energy_high, trading_locked, created_at, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var a = 0; a < assets; a++)
        {
            var id = AssetId(a);
            for (var s = firstSlot; s < firstSlot + slots; s++)
            {
                var start = Start.AddMinutes(15 * s);
                var day = AssetService.Core.Common.DeliveryDay.Of(start, "DE");
                for (var k = 0; k < Sources.Length; k++)
                {
                    await writer.StartRowAsync();
                    await writer.WriteAsync(id);
                    await writer.WriteAsync(start, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(Sources[k]);
                    await writer.WriteAsync(start.AddMinutes(15), NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(day, NpgsqlDbType.Date);
                    await writer.WriteAsync(-1m - k, NpgsqlDbType.Numeric);
                    await writer.WriteAsync(1m + k, NpgsqlDbType.Numeric);
                    await writer.WriteAsync(0.5m, NpgsqlDbType.Numeric);
                    await writer.WriteAsync(4m - k * 0.1m, NpgsqlDbType.Numeric);
                    await writer.WriteAsync(k == 2 && s % 96 == 40, NpgsqlDbType.Boolean);
                    await writer.WriteAsync(Start, NpgsqlDbType.TimestampTz);
                    await writer.WriteAsync(Start, NpgsqlDbType.TimestampTz);
                }
            }
        }
        await writer.CompleteAsync();
    }

    public async Task ForecastsAsync(int assets, int slots)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY forecasts (asset_id, start_time, end_time, delivery_day, generation, consumption, created_at, updated_at) FROM STDIN (FORMAT BINARY)");
        for (var a = 0; a < assets; a++)
            for (var s = 0; s < slots; s++)
            {
                var start = Start.AddMinutes(15 * s);
                await writer.StartRowAsync();
                await writer.WriteAsync(AssetId(a));
                await writer.WriteAsync(start, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(start.AddMinutes(15), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(AssetService.Core.Common.DeliveryDay.Of(start, "DE"), NpgsqlDbType.Date);
                await writer.WriteAsync(1.25m, NpgsqlDbType.Numeric);
                await writer.WriteAsync(0.5m, NpgsqlDbType.Numeric);
                await writer.WriteAsync(Start, NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(Start, NpgsqlDbType.TimestampTz);
            }
        await writer.CompleteAsync();
    }

    public async Task DispatchesAsync(int assets, int count)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY dispatches (dispatch_id, asset_id, start_time, end_time, delivery_day, power, market, source, issued_at, received_at) FROM STDIN (FORMAT BINARY)");
        for (var i = 0; i < count; i++)
        {
            var start = Start.AddMinutes(15 * (i / assets));
            await writer.StartRowAsync();
            await writer.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
            await writer.WriteAsync(AssetId(i % assets));
            await writer.WriteAsync(start, NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(start.AddMinutes(15), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(AssetService.Core.Common.DeliveryDay.Of(start, "DE"), NpgsqlDbType.Date);
            await writer.WriteAsync(1.5m, NpgsqlDbType.Numeric);
            await writer.WriteAsync("INTRADAY");
            await writer.WriteAsync("OPTIMISATION");
            await writer.WriteAsync(start.AddMinutes(-30), NpgsqlDbType.TimestampTz);
            await writer.WriteAsync(start.AddMinutes(-29), NpgsqlDbType.TimestampTz);
        }
        await writer.CompleteAsync();
    }

    public async Task AnalyzeAsync()
    {
        await using var command = db.CreateCommand("VACUUM ANALYZE");
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }
}
