using AssetService.Tests.Support;
using static AssetService.Tests.Support.PeriodDataApi;

namespace AssetService.Tests.Reliability;

/// <summary>
/// Issue 24: behind a transaction-mode PgBouncer that does not track prepared statements (Debian's 1.18, which
/// <c>./test.sh</c> starts), Npgsql's auto-prepare made 42P05/26000 errors and, where the parameter types matched,
/// ran one request's statement with another's parameters. With the app's default settings, many clients running
/// different statements at once through ten server connections each get their own answer, and nothing fails.
/// </summary>
public sealed class PgBouncerTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly HttpClient client = fixture.Client;

    [Fact]
    public async Task Concurrent_different_statements_through_pgbouncer_answer_each_request_with_its_own_rows()
    {
        var assets = new List<(string Id, int Power)>();
        for (var i = 0; i < 6; i++)
        {
            var id = await AssetApi.CreateAsync(client);
            assets.Add((id, i + 1));
            await client.PatchLimitsAsync(LimitEntry(id, "OPERATIONS", "2026-06-01", $"\"power_discharge\": {i + 1}", "10:00", "11:00")).ExpectAsync(200);
        }

        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        async Task Client(int worker)
        {
            for (var n = 0; n < 30; n++)
            {
                var (id, power) = assets[(worker + n) % assets.Count];
                switch ((worker * 7 + n) % 5)
                {
                    case 0:
                        var asset = await Read($"/api/v1/assets/{id}");
                        if (asset?.Text("id") != id) failures.Enqueue($"GET /assets/{id} answered {asset?.Text("id")}");
                        break;
                    case 1:
                        var limits = await Read($"/api/v1/limits?asset_ids={id}&from=2026-06-01T00:00:00Z&to=2026-06-02T00:00:00Z&limit=1000");
                        var groups = limits?.GetProperty("limits").EnumerateArray().ToArray() ?? [];
                        if (groups.Length != 4 || groups.Any(g => g.Text("asset_id") != id || g.Source("OPERATIONS").Number("power_discharge") != power))
                            failures.Enqueue($"GET /limits of {id} answered {limits}");
                        break;
                    case 2:
                        var response = await client.PatchJsonAsync($"/api/v1/assets/{id}", $$"""{"name": "Renamed {{worker}}-{{n}}"}""");
                        if ((int)response.StatusCode != 200) failures.Enqueue($"PATCH /assets/{id}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                        break;
                    case 3:
                        var patch = await client.PatchLimitsAsync(LimitEntry(id, "CUSTOMER", "2026-06-02", $"\"power_charge\": -{worker + 1}", "00:00", "01:00"));
                        if ((int)patch.StatusCode != 200) failures.Enqueue($"PATCH /limits of {id}: {(int)patch.StatusCode} {await patch.Content.ReadAsStringAsync()}");
                        break;
                    default:
                        await Read($"/api/v1/assets?limit=50&offset={n % 3}");
                        break;
                }
            }
        }

        async Task<System.Text.Json.JsonElement?> Read(string url)
        {
            var response = await client.GetAsync(url);
            var text = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode == 200) return System.Text.Json.JsonDocument.Parse(text).RootElement.Clone();
            failures.Enqueue($"GET {url}: {(int)response.StatusCode} {text}");
            return null;
        }

        await Task.WhenAll(Enumerable.Range(0, 24).Select(worker => Task.Run(() => Client(worker))));

        Assert.Empty(failures);
        Assert.DoesNotContain("42P05", fixture.Logs.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("26000", fixture.Logs.Text, StringComparison.Ordinal);
    }
}
