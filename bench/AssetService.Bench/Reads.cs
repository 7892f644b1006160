using Npgsql;

namespace AssetService.Bench;

/// <summary>The benchmarked GETs, each as an HTTP path and as the raw SQL that reads the same rows.</summary>
public sealed record ReadProbe(string Name, Func<int, string> Path, string Sql, Action<NpgsqlParameterCollection, int> Bind)
{
    private static readonly Random Random = new(42);

    public static int Asset() => Random.Next(0, Program.Assets);
    public static DateTime Day(int day) => Seeder.Start.AddDays(day).AddHours(-1); // 00:00 Berlin in winter
    public static string Utc(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    public static ReadProbe AssetById() => new("GET /assets/{id}",
        i => $"/api/v1/assets/{Seeder.AssetId(i % Program.Assets)}",
        "SELECT id, code, name, type, region, delivery_area, lifecycle, provider, go_live_date, created_at, updated_at FROM assets WHERE id = $1",
        (p, i) => p.AddWithValue(Seeder.AssetId(i % Program.Assets)));

    /// <summary>One asset, one delivery day, all five sources.</summary>
    public static ReadProbe LimitsOneAssetDay(int maxDay) => new("GET /limits (1 asset x 1 day)",
        i => $"/api/v1/limits?asset_ids={Seeder.AssetId(i * 7 % Program.Assets)}&from={Utc(Day(1 + i % maxDay))}&to={Utc(Day(2 + i % maxDay))}&limit=1000",
        "SELECT * FROM asset_limits WHERE asset_id = $1 AND start_time >= $2 AND start_time < $3 ORDER BY start_time, source",
        (p, i) =>
        {
            p.AddWithValue(Seeder.AssetId(i * 7 % Program.Assets));
            p.AddWithValue(Day(1 + i % maxDay));
            p.AddWithValue(Day(2 + i % maxDay));
        });

    /// <summary>One asset, one delivery day, one source: 96 slots of one row each.</summary>
    public static ReadProbe LimitsOneAssetDayOneSource(int maxDay) => new("GET /limits (1 asset x 1 day, 1 source)",
        i => $"/api/v1/limits?asset_ids={Seeder.AssetId(i * 7 % Program.Assets)}&from={Utc(Day(1 + i % maxDay))}&to={Utc(Day(2 + i % maxDay))}&sources=OPERATIONS&limit=1000",
        "SELECT * FROM asset_limits WHERE asset_id = $1 AND start_time >= $2 AND start_time < $3 AND source = 'OPERATIONS' ORDER BY start_time, source",
        (p, i) =>
        {
            p.AddWithValue(Seeder.AssetId(i * 7 % Program.Assets));
            p.AddWithValue(Day(1 + i % maxDay));
            p.AddWithValue(Day(2 + i % maxDay));
        });

    public static ReadProbe LimitsTenAssetsDay(int maxDay) => new("GET /limits (10 assets x 1 day)",
        i => $"/api/v1/limits?asset_ids={string.Join(',', TenAssets(i))}&from={Utc(Day(1 + i % maxDay))}&to={Utc(Day(2 + i % maxDay))}&limit=1000",
        "SELECT * FROM asset_limits WHERE asset_id = ANY($1) AND start_time >= $2 AND start_time < $3 ORDER BY asset_id, start_time, source",
        (p, i) =>
        {
            p.AddWithValue(TenAssets(i));
            p.AddWithValue(Day(1 + i % maxDay));
            p.AddWithValue(Day(2 + i % maxDay));
        });

    public static ReadProbe ForecastsTenAssetsDay(int maxDay) => new("GET /forecasts (10 assets x 1 day)",
        i => $"/api/v1/forecasts?asset_ids={string.Join(',', TenAssets(i))}&from={Utc(Day(1 + i % maxDay))}&to={Utc(Day(2 + i % maxDay))}&limit=1000",
        "SELECT * FROM forecasts WHERE asset_id = ANY($1) AND start_time >= $2 AND start_time < $3 ORDER BY asset_id, start_time",
        (p, i) =>
        {
            p.AddWithValue(TenAssets(i));
            p.AddWithValue(Day(1 + i % maxDay));
            p.AddWithValue(Day(2 + i % maxDay));
        });

    private static string[] TenAssets(int i) => Enumerable.Range(0, 10).Select(k => Seeder.AssetId((i * 10 + k) % Program.Assets)).ToArray();

    public async Task HttpAsync(HttpClient client, int i)
    {
        using var response = await client.GetAsync(Path(i));
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    public async Task SqlAsync(NpgsqlDataSource db, int i)
    {
        await using var command = db.CreateCommand(Sql);
        Bind(command.Parameters, i);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync()) reader.GetValues(values);
    }
}
