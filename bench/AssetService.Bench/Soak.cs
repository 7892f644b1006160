using System.Collections.Concurrent;
using System.Text;
using Dapper;
using Npgsql;

namespace AssetService.Bench;

/// <summary>
/// 100 concurrent clients mix reads and writes against LocalHost for a fixed time; then every write
/// that was acknowledged (2xx) is looked up in the database. Each write uses keys of its own, so an
/// acknowledged write can only be missing if it was lost.
/// </summary>
public static class Soak
{
    private sealed record Ack(string Kind, string AssetId, DateTime Time, decimal Value);

    public static async Task<int> RunAsync(string baseUrl, string key, NpgsqlDataSource db, int clients, TimeSpan duration)
    {
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients }) { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("x-functions-key", key);
        var assets = new List<string>();
        for (var i = 0; i < 20; i++) assets.Add(await CreateAssetAsync(http, $"SOAKSEED{i}") ?? throw new InvalidOperationException("Seeding the soak assets failed"));

        var statuses = new ConcurrentDictionary<int, int>();
        var acks = new ConcurrentBag<Ack>();
        var failures = 0;
        var deadline = DateTime.UtcNow + duration;
        var origin = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var random = new Random(client);
            for (var iteration = 0; DateTime.UtcNow < deadline; iteration++)
            {
                var asset = assets[random.Next(assets.Count)];
                var slot = origin.AddMinutes(15 * ((long)client * 1_000_000 + iteration));
                var value = random.Next(1, 1000) / 10m;
                try
                {
                    var (status, ack) = random.Next(7) switch
                    {
                        0 => await WriteAsync(http, HttpMethod.Post, "/api/v1/assets",
                            $$"""{"code":"SOAK{{client}}","name":"Soak {{client}}","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}""",
                            new Ack("asset", "", slot, 0)),
                        1 => await WriteAsync(http, HttpMethod.Put, "/api/v1/forecasts",
                            $$"""{"forecasts":[{"asset_id":"{{asset}}","start_time":"{{Utc(slot)}}","end_time":"{{Utc(slot.AddMinutes(15))}}","generation":{{value}},"consumption":0}]}""",
                            new Ack("forecast", asset, slot, value)),
                        2 => await WriteAsync(http, HttpMethod.Post, "/api/v1/state-snapshots",
                            $$"""{"state_snapshots":[{"asset_id":"{{asset}}","effective_at":"{{Utc(slot)}}","stored_energy":{{value}}}]}""",
                            new Ack("snapshot", asset, slot, value)),
                        3 => await WriteAsync(http, HttpMethod.Patch, "/api/v1/limits",
                            $$"""{"limits":[{"asset_id":"{{asset}}","source":"OPERATIONS","start_time":"{{slot:HH:mm}}","end_time":"{{slot.AddMinutes(15):HH:mm}}","valid_from":"{{slot:yyyy-MM-dd}}","valid_until":"{{slot:yyyy-MM-dd}}","power_discharge":{{value}}}]}""",
                            new Ack("limit", asset, slot, value)),
                        4 => (await ReadAsync(http, $"/api/v1/limits?asset_ids={asset}&from={Utc(slot.AddDays(-1))}&to={Utc(slot)}"), null),
                        5 => (await ReadAsync(http, $"/api/v1/forecasts?asset_ids={string.Join(',', assets.Take(10))}&from={Utc(origin)}&to={Utc(origin.AddDays(1))}"), null),
                        _ => (await ReadAsync(http, $"/api/v1/assets/{asset}"), null),
                    };
                    statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                    if (ack is not null) acks.Add(ack);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })));

        var lost = await CountLostAsync(db, acks.ToArray());
        var total = statuses.Values.Sum();
        var serverErrors = statuses.Where(s => s.Key >= 500).Sum(s => s.Value);
        Console.WriteLine($"soak: {clients} clients for {duration.TotalSeconds:F0} s: {total:N0} requests ({total / duration.TotalSeconds:F0}/s), " +
                          $"statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}x{s.Value}"))}, {failures} transport failures");
        Console.WriteLine($"soak: acknowledged writes {acks.Count:N0}, lost writes {lost}, 5xx responses {serverErrors}");
        Console.WriteLine(lost == 0 && serverErrors == 0 && failures == 0 ? "soak: PASS" : "soak: FAIL");
        return lost == 0 && serverErrors == 0 && failures == 0 ? 0 : 1;
    }

    private static string Utc(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");

    private static async Task<string?> CreateAssetAsync(HttpClient http, string code)
    {
        using var response = await http.PostAsync("/api/v1/assets", new StringContent(
            $$"""{"code":"{{code}}","name":"Soak","type":"BESS","region":"DE","delivery_area":"50HZ","provider":"EBX"}""", Encoding.UTF8, "application/json"));
        if (!response.IsSuccessStatusCode) return null;
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("id").GetString();
    }

    private static async Task<(int, Ack?)> WriteAsync(HttpClient http, HttpMethod method, string path, string body, Ack ack)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) return ((int)response.StatusCode, null);
        if (ack.Kind != "asset") return ((int)response.StatusCode, ack);
        using var json = System.Text.Json.JsonDocument.Parse(text);
        return ((int)response.StatusCode, ack with { AssetId = json.RootElement.GetProperty("id").GetString()! });
    }

    private static async Task<int> ReadAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    private static async Task<int> CountLostAsync(NpgsqlDataSource db, Ack[] acks)
    {
        await using var connection = await db.OpenConnectionAsync();
        var lost = 0;
        foreach (var (kind, sql) in new[]
                 {
                     ("asset", "SELECT count(*) FROM unnest(@Ids::text[]) a(id) WHERE NOT EXISTS (SELECT 1 FROM assets WHERE id = a.id)"),
                     ("forecast", "SELECT count(*) FROM unnest(@Ids::text[], @Times::timestamptz[], @Values::numeric[]) a(id, t, v) WHERE NOT EXISTS (SELECT 1 FROM forecasts f WHERE f.asset_id = a.id AND f.start_time = a.t AND f.generation = a.v)"),
                     ("snapshot", "SELECT count(*) FROM unnest(@Ids::text[], @Times::timestamptz[], @Values::numeric[]) a(id, t, v) WHERE NOT EXISTS (SELECT 1 FROM state_snapshots s WHERE s.asset_id = a.id AND s.effective_at = a.t AND s.stored_energy = a.v)"),
                     ("limit", "SELECT count(*) FROM unnest(@Ids::text[], @Times::timestamptz[], @Values::numeric[]) a(id, t, v) WHERE NOT EXISTS (SELECT 1 FROM asset_limits l WHERE l.asset_id = a.id AND l.start_time = a.t AND l.source = 'OPERATIONS' AND l.power_discharge = a.v)"),
                 })
        {
            var rows = acks.Where(a => a.Kind == kind).ToArray();
            lost += await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, new
            {
                Ids = rows.Select(r => r.AssetId).ToArray(), Times = rows.Select(r => r.Time).ToArray(), Values = rows.Select(r => r.Value).ToArray(),
            }, commandTimeout: 0));
        }
        return lost;
    }
}
