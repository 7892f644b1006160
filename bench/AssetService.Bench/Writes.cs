using System.Text;
using System.Text.Json;
using AssetService.Core.Common;
using Npgsql;
using NpgsqlTypes;

namespace AssetService.Bench;

public sealed record WriteResult(string Name, int Rows, double HttpSeconds, double SqlSeconds)
{
    public double Ratio => SqlSeconds / HttpSeconds;
}

/// <summary>Each bulk write through HTTP and the same rows upserted by one raw SQL statement, in the same run.</summary>
public sealed class Writes(HttpClient client, NpgsqlDataSource db)
{
    private static readonly DateTime Year = new(2027, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// A year of one source for one asset, 35,040 rows that do not exist yet: every run writes another
    /// asset's. Warmed up first (JIT, prepared statements); HTTP and SQL runs alternate.
    /// </summary>
    public async Task<WriteResult> LimitsAsync()
    {
        var starts = Enumerable.Range(0, 365 * 96).Select(i => Year.AddMinutes(15 * i)).ToArray();
        await SendAsync(HttpMethod.Patch, "/api/v1/limits", LimitsBody(Seeder.AssetId(900)));
        await UpsertLimitsSqlAsync(Seeder.AssetId(901), starts);
        var (http, sql) = (new List<double>(), new List<double>());
        for (var run = 0; run < 5; run++)
        {
            var body = LimitsBody(Seeder.AssetId(910 + 2 * run));
            http.Add(await Timing.SecondsAsync(() => SendAsync(HttpMethod.Patch, "/api/v1/limits", body)));
            sql.Add(await Timing.SecondsAsync(() => UpsertLimitsSqlAsync(Seeder.AssetId(911 + 2 * run), starts)));
        }
        return new WriteResult("PATCH /limits", starts.Length, Timing.Median(http), Timing.Median(sql));
    }

    private static string LimitsBody(string asset) => JsonSerializer.Serialize(new
    {
        limits = new[]
        {
            new
            {
                asset_id = asset, source = "OPERATIONS", start_time = "00:00", end_time = "24:00",
                valid_from = "2027-01-01", valid_until = "2027-12-31",
                power_charge = -2.5, power_discharge = 2.5, energy_low = 0.5, energy_high = 3.5, trading_locked = false,
            },
        },
    });

    private const string LimitsSql = """
        INSERT INTO asset_limits AS t (asset_id, start_time, source, end_time, delivery_day, power_charge, power_discharge,
                                       energy_low, energy_high, trading_locked, created_at, updated_at)
        SELECT @asset, s, 'OPERATIONS', s + interval '15 minutes', d, -2.5, 2.5, 0.5, 3.5, false, now(), now()
        FROM unnest(@starts::timestamptz[], @days::date[]) AS r(s, d)
        ON CONFLICT (asset_id, start_time, source) DO UPDATE SET
            end_time = EXCLUDED.end_time, delivery_day = EXCLUDED.delivery_day,
            power_charge = COALESCE(EXCLUDED.power_charge, t.power_charge),
            power_discharge = COALESCE(EXCLUDED.power_discharge, t.power_discharge),
            energy_low = COALESCE(EXCLUDED.energy_low, t.energy_low),
            energy_high = COALESCE(EXCLUDED.energy_high, t.energy_high),
            trading_locked = COALESCE(EXCLUDED.trading_locked, t.trading_locked),
            updated_at = EXCLUDED.updated_at
        """;

    private async Task UpsertLimitsSqlAsync(string asset, DateTime[] starts)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(LimitsSql, connection, transaction);
        command.Parameters.AddWithValue("asset", asset);
        command.Parameters.AddWithValue("starts", starts);
        command.Parameters.AddWithValue("days", starts.Select(s => DeliveryDay.Of(s, "DE")).ToArray());
        await command.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }

    public async Task<WriteResult> ForecastsAsync()
    {
        var rows = TenThousandSlots();
        var body = JsonSerializer.Serialize(new
        {
            forecasts = rows.Select(r => new
            {
                asset_id = r.Asset, start_time = ReadProbe.Utc(r.Start), end_time = ReadProbe.Utc(r.Start.AddMinutes(15)), generation = 1.5, consumption = 0.25,
            }),
        });
        await SendAsync(HttpMethod.Put, "/api/v1/forecasts", body);
        var http = await Timing.MedianSecondsAsync(3, () => SendAsync(HttpMethod.Put, "/api/v1/forecasts", body));
        var sql = await Timing.MedianSecondsAsync(3, () => ExecuteAsync("""
            INSERT INTO forecasts AS t (asset_id, start_time, end_time, delivery_day, generation, consumption, created_at, updated_at)
            SELECT a, s, s + interval '15 minutes', d, 1.5, 0.25, now(), now()
            FROM unnest(@assets::text[], @starts::timestamptz[], @days::date[]) AS r(a, s, d)
            ON CONFLICT (asset_id, start_time) DO UPDATE SET
                end_time = EXCLUDED.end_time, delivery_day = EXCLUDED.delivery_day, generation = EXCLUDED.generation,
                consumption = EXCLUDED.consumption, updated_at = EXCLUDED.updated_at
            """, rows, withDays: true));
        return new WriteResult("PUT /forecasts", rows.Length, http, sql);
    }

    public async Task<WriteResult> SnapshotsAsync()
    {
        var rows = TenThousandSlots();
        var body = JsonSerializer.Serialize(new
        {
            state_snapshots = rows.Select(r => new
            {
                asset_id = r.Asset, effective_at = ReadProbe.Utc(r.Start), stored_energy = 2.5, charged_energy = 0.25, discharged_energy = 0.0,
            }),
        });
        await SendAsync(HttpMethod.Post, "/api/v1/state-snapshots", body);
        var http = await Timing.MedianSecondsAsync(3, () => SendAsync(HttpMethod.Post, "/api/v1/state-snapshots", body));
        var sql = await Timing.MedianSecondsAsync(3, () => ExecuteAsync("""
            INSERT INTO state_snapshots AS t (asset_id, effective_at, stored_energy, charged_energy, discharged_energy, created_at, updated_at)
            SELECT a, s, 2.5, 0.25, 0.0, now(), now()
            FROM unnest(@assets::text[], @starts::timestamptz[]) AS r(a, s)
            ON CONFLICT (asset_id, effective_at) DO UPDATE SET
                stored_energy = EXCLUDED.stored_energy, charged_energy = EXCLUDED.charged_energy,
                discharged_energy = EXCLUDED.discharged_energy, updated_at = EXCLUDED.updated_at
            RETURNING *
            """, rows, withDays: false));
        return new WriteResult("POST /state-snapshots", rows.Length, http, sql);
    }

    private static (string Asset, DateTime Start)[] TenThousandSlots() =>
        Enumerable.Range(0, 10_000).Select(i => (Seeder.AssetId(i % 10), Year.AddMinutes(15 * (i / 10)))).ToArray();

    private async Task ExecuteAsync(string sql, (string Asset, DateTime Start)[] rows, bool withDays)
    {
        await using var connection = await db.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("assets", rows.Select(r => r.Asset).ToArray());
        command.Parameters.Add(new NpgsqlParameter("starts", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = rows.Select(r => r.Start).ToArray() });
        if (withDays) command.Parameters.AddWithValue("days", rows.Select(r => DeliveryDay.Of(r.Start, "DE")).ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) { }
        await reader.DisposeAsync();
        await transaction.CommitAsync();
    }

    private async Task SendAsync(HttpMethod method, string path, string body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await client.SendAsync(request);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        await response.Content.ReadAsByteArrayAsync();
    }
}
